package io.edgegateway.daemon;

import io.edgegateway.core.config.FastPathScheduling;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the scheduling priority of the threads the fast path's own DDS participants created (their
 * receive threads run the relay), so a CPU busy with telemetry still runs control first: {@code
 * SCHED_FIFO} at {@link FastPathScheduling#FIFO_PRIORITY}, or nice {@link
 * FastPathScheduling#NICE_VALUE}, as configured; {@code fifo} falls back to nice where real-time
 * scheduling is not permitted. Needs root or {@code CAP_SYS_NICE}; without it, one WARN line and
 * the process's priority.
 *
 * <p>The threads are told apart by their ids: those that exist after the participants joined and
 * did not before ({@link #before}).
 */
final class FastPathPriority {
  // Gateway's logger: the lines keep the logger name they always had.
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Set<Long> threadsBefore;

  private FastPathPriority(Set<Long> threadsBefore) {
    this.threadsBefore = threadsBefore;
  }

  /** Notes the threads that exist now, before the fast path's participants are joined. */
  static FastPathPriority before() {
    return new FastPathPriority(ThreadScheduling.threadIds());
  }

  /**
   * Applies {@code scheduling} to the threads created since {@link #before}; does nothing when
   * {@code participantsJoined} is false (no control rule is relayed).
   */
  FastPathThreads raise(boolean participantsJoined, FastPathScheduling scheduling) {
    if (!participantsJoined) {
      return FastPathThreads.NOT_RAISED;
    }
    Set<Long> created = new TreeSet<>(ThreadScheduling.threadIds());
    created.removeAll(threadsBefore);
    if (scheduling == FastPathScheduling.NONE) {
      log.info("fast path: {} DDS threads at the process's priority (configured)", created.size());
      return FastPathThreads.NOT_RAISED;
    }
    if (scheduling == FastPathScheduling.FIFO) {
      String failure = ThreadScheduling.fifo(created, FastPathScheduling.FIFO_PRIORITY);
      if (failure == null) {
        log.info(
            "fast path: {} DDS threads at SCHED_FIFO priority {}",
            created.size(),
            FastPathScheduling.FIFO_PRIORITY);
        raisePauseThreads(FastPathScheduling.FIFO);
        return new FastPathThreads(FastPathScheduling.FIFO, created);
      }
      log.warn(
          "fast path: cannot put its DDS threads under SCHED_FIFO ({}); trying nice {}",
          failure,
          FastPathScheduling.NICE_VALUE);
    }
    String failure = ThreadScheduling.renice(created, FastPathScheduling.NICE_VALUE);
    if (failure == null) {
      log.info(
          "fast path: {} DDS threads at nice {}", created.size(), FastPathScheduling.NICE_VALUE);
      raisePauseThreads(FastPathScheduling.NICE);
      return new FastPathThreads(FastPathScheduling.NICE, created);
    }
    log.warn(
        "fast path: cannot put its {} DDS threads at nice {} ({}); control shares the CPU"
            + " equally with telemetry (run as root or grant CAP_SYS_NICE)",
        created.size(),
        FastPathScheduling.NICE_VALUE,
        failure);
    return FastPathThreads.NOT_RAISED;
  }

  /** The JVM's pause threads follow the relay's threads ({@link PauseThreadPriority}). */
  private static void raisePauseThreads(FastPathScheduling relay) {
    Set<Long> pauseThreads = PauseThreadPriority.threads();
    String failure = PauseThreadPriority.raise(pauseThreads, relay);
    if (failure == null) {
      log.info(
          "fast path: the JVM's {} GC pause threads at {}",
          pauseThreads.size(),
          relay == FastPathScheduling.FIFO
              ? "SCHED_FIFO priority " + PauseThreadPriority.FIFO_PRIORITY
              : "nice " + FastPathScheduling.NICE_VALUE);
    } else {
      log.warn("fast path: the JVM's GC pause threads keep the process's priority ({})", failure);
    }
  }
}
