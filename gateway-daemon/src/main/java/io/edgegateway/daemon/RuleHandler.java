package io.edgegateway.daemon;

import io.edgegateway.core.port.SampleHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The handler a telemetry subscription gives the bus: forwards each sample to the route of the
 * topic's rule in effect, which a live reload replaces ({@link #route}) from the next sample on,
 * without resubscribing. It also counts the calls in flight, so that a subscription being released
 * can wait until every sample the bus already handed over is in the pipeline ({@link #drain}).
 */
final class RuleHandler implements SampleHandler {
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private volatile SampleHandler target;
  private final AtomicInteger inFlight = new AtomicInteger();

  RuleHandler(SampleHandler target) {
    this.target = target;
  }

  /** Sends the samples received from now on to {@code next}. */
  void route(SampleHandler next) {
    this.target = next;
  }

  @Override
  public void onSample(long sourceStampNs, byte[] payload) {
    inFlight.incrementAndGet();
    try {
      target.onSample(sourceStampNs, payload);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Waits until no sample is being handed to the pipeline, at most {@code timeoutNanos}; call after
   * the subscription was closed.
   *
   * @return true when none is in flight
   */
  boolean drain(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
    return true;
  }
}
