package io.edgegateway.daemon.systemd;

import io.edgegateway.core.pipeline.LoopProgress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the gateway's loops are making progress: a loop is stuck when it has not turned
 * for longer than {@code stuckAfter} and has not ended. Says once (WARN) when a loop gets stuck and
 * once when it turns again. Used by one thread (the notifier's).
 */
final class LoopWatch {
  private static final Logger log = LoggerFactory.getLogger(LoopWatch.class);

  private final List<LoopProgress> loops;
  private final long stuckAfterNanos;
  private final Set<String> stuck = new HashSet<>();

  LoopWatch(List<LoopProgress> loops, Duration stuckAfter) {
    this.loops = List.copyOf(loops);
    this.stuckAfterNanos = stuckAfter.toNanos();
  }

  /** True if no loop is stuck at {@code nowNanos}; logs each change of a loop's state. */
  boolean allProgressing(long nowNanos) {
    boolean all = true;
    for (LoopProgress p : loops) {
      long idleNanos = nowNanos - p.lastTurnNanos();
      boolean isStuck = !p.ended() && idleNanos > stuckAfterNanos;
      if (isStuck && stuck.add(p.loop())) {
        log.warn(
            "loop {} has made no progress for {} s: watchdog pings stop, so systemd restarts the"
                + " daemon",
            p.loop(),
            TimeUnit.NANOSECONDS.toSeconds(idleNanos));
      } else if (!isStuck && stuck.remove(p.loop())) {
        log.warn("loop {} is making progress again: watchdog pings resume", p.loop());
      }
      all &= !isStuck;
    }
    return all;
  }
}
