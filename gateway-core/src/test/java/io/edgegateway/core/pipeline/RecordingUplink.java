package io.edgegateway.core.pipeline;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An Uplink that records what it was given; can be told to fail, like a dead broker. */
final class RecordingUplink implements Uplink {
  final List<StoredBatch> delivered = new ArrayList<>();
  volatile boolean down;
  volatile int attempts;
  volatile Map<String, Long> checkpoints = Map.of();
  volatile boolean checkpointsDown;
  volatile int checkpointReads;
  volatile boolean fenced;

  /**
   * When set, deliveries block until it opens (at most 30 s), like a broker that does not answer.
   */
  volatile CountDownLatch hang;

  /** Deliveries that entered {@link #hang}. */
  volatile int hanging;

  @Override
  public void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException {
    CountDownLatch h = hang;
    if (h != null) {
      hanging++;
      try {
        h.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UplinkException("interrupted", true, e);
      }
    }
    deliverNow(batches);
  }

  private synchronized void deliverNow(List<StoredBatch> batches) throws UplinkException {
    attempts++;
    if (fenced) {
      throw new UplinkFencedException("another instance took over", null);
    }
    if (down) {
      throw new UplinkException("broker unreachable", true, null);
    }
    delivered.addAll(batches);
  }

  @Override
  public synchronized Map<String, Long> committedCheckpoints(Duration timeout)
      throws UplinkException {
    checkpointReads++;
    if (checkpointsDown) {
      throw new UplinkException("broker unreachable", true, null);
    }
    return checkpoints;
  }

  synchronized List<StoredBatch> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public UplinkState state() {
    if (fenced) {
      return UplinkState.FENCED;
    }
    return down ? UplinkState.DISCONNECTED : UplinkState.CONNECTED;
  }

  @Override
  public void close(Duration timeout) {}
}
