package io.edgegateway.daemon;

import io.edgegateway.core.config.FastPathScheduling;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Puts the JVM's own threads that run a stop-the-world pause (the {@code VM Thread} and the {@code
 * GC Thread#N} workers) one real-time priority below the control relay, or at its nice value. A
 * garbage-collection pause stops the relay's threads with every other Java thread, so under
 * telemetry load the pause lasts as long as its workers wait for a CPU: on two busy cores that
 * halved G1's young pauses (mean 2.4 → 1.2 ms, p99 9.8 → 4.3 ms, docs/benchmarks.md "Footprint").
 * The workers run only inside pauses, when no Java thread runs anyway, so they take no CPU from
 * telemetry outside them; the concurrent threads ({@code G1 Conc}, {@code G1 Refine}) keep the
 * process's priority.
 *
 * <p>Workers the JVM creates later keep the process's priority: the launchers pass {@code
 * -XX:-UseDynamicNumberOfGCThreads}, so G1 starts all of them at once.
 */
final class PauseThreadPriority {
  /** The real-time priority of the pause threads: just below the relay's. */
  static final int FIFO_PRIORITY = FastPathScheduling.FIFO_PRIORITY - 1;

  private PauseThreadPriority() {}

  /** The ids of the pause threads that exist now. */
  static Set<Long> threads() {
    Set<Long> ids = new TreeSet<>();
    for (long tid : ThreadScheduling.threadIds()) {
      if (isPauseThread(ThreadScheduling.name(tid))) {
        ids.add(tid);
      }
    }
    return ids;
  }

  /** Whether a thread named {@code comm} works inside a stop-the-world pause. */
  static boolean isPauseThread(String comm) {
    return comm.equals("VM Thread") || comm.startsWith("GC Thread#");
  }

  /**
   * Gives the pause threads {@code ids} ({@link #threads}) the scheduling the relay got ({@code
   * FIFO} or {@code NICE}).
   *
   * @return null on success (or when there is nothing to do), else why not
   */
  static @Nullable String raise(Set<Long> ids, FastPathScheduling relay) {
    return switch (relay) {
      case FIFO -> ThreadScheduling.fifo(ids, FIFO_PRIORITY);
      case NICE -> ThreadScheduling.renice(ids, FastPathScheduling.NICE_VALUE);
      case NONE -> null;
    };
  }
}
