package io.edgegateway.core.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one of the pipeline's loops has got: the monotonic time at which it last went once
 * around, cheap to read from any thread. A loop turns at least every few hundred milliseconds even
 * when idle (it polls with a timeout), so a time that stops advancing, while the loop has not
 * {@linkplain #ended ended}, means the loop is blocked (a watchdog reads it; see the daemon's
 * systemd notifier).
 */
public final class LoopProgress {
  private final String loop;
  private final AtomicLong lastTurnNanos;
  private volatile boolean ended;

  /**
   * @param loop the loop's name, as a log line names it ({@code batcher}, {@code uplink})
   * @param nowNanos the monotonic time of creation, the first "turn"
   */
  public LoopProgress(String loop, long nowNanos) {
    this.loop = loop;
    this.lastTurnNanos = new AtomicLong(nowNanos);
  }

  /** The loop's name. */
  public String loop() {
    return loop;
  }

  /** The monotonic time ({@code Clock.monotonicNanos}) of the loop's last turn. */
  public long lastTurnNanos() {
    return lastTurnNanos.get();
  }

  /** Records a turn at {@code nowNanos}; called by the loop each time around. */
  public void turned(long nowNanos) {
    lastTurnNanos.set(nowNanos);
  }

  /**
   * True once the loop left its loop on purpose (closed, or the uplink was fenced): it no longer
   * turns and is not stuck. A loop whose thread died of an error never ends this way.
   */
  public boolean ended() {
    return ended;
  }

  /** Records that the loop left its loop on purpose; called by the loop as it returns. */
  public void end() {
    ended = true;
  }
}
