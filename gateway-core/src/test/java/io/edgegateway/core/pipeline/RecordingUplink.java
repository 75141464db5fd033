package io.edgegateway.core.pipeline;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An Uplink that records what it was given; can be told to fail, like a dead broker. */
final class RecordingUplink implements Uplink {
  final List<StoredBatch> delivered = new ArrayList<>();
  volatile boolean down;
  volatile int attempts;

  @Override
  public synchronized void deliver(List<StoredBatch> batches, Duration timeout)
      throws UplinkException {
    attempts++;
    if (down) {
      throw new UplinkException("broker unreachable", true, null);
    }
    delivered.addAll(batches);
  }

  synchronized List<StoredBatch> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public UplinkState state() {
    return down ? UplinkState.DISCONNECTED : UplinkState.CONNECTED;
  }

  @Override
  public void close(Duration timeout) {}
}
