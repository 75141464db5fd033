package io.edgegateway.core.pipeline;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An Uplink that records what it was given; can be told to fail, like a dead broker. */
final class RecordingUplink implements Uplink {
  final List<StoredBatch> delivered = new ArrayList<>();
  volatile boolean down;
  volatile int attempts;
  volatile Map<String, Long> checkpoints = Map.of();
  volatile boolean checkpointsDown;
  volatile int checkpointReads;
  volatile boolean fenced;

  @Override
  public synchronized void deliver(List<StoredBatch> batches, Duration timeout)
      throws UplinkException {
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
