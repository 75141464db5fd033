package io.edgegateway.uplink;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.port.StoredBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sealed batches of three small samples each, built with the real codec. */
final class TestBatches {
  static final String ROBOT = "robot-7";
  private static final long BASE_NS = 1_700_000_000_000_000_000L;

  private final BatchCodec codec =
      new BatchCodec(
          ROBOT,
          "instance-1",
          new BatchLineage("fw-1", "model-2", "run-3", Map.of("site", "a")),
          3);

  StoredBatch batch(String stream, long batchSeq) {
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long stampNs = BASE_NS + batchSeq * 1_000_000L + i;
      byte[] cdr = (stream + "-" + batchSeq + "-" + i).getBytes(StandardCharsets.UTF_8);
      envelopes.add(
          new Envelope(
              "/joint_states",
              "sensor_msgs/msg/JointState",
              stampNs - 10,
              stampNs,
              batchSeq * 3 + i,
              cdr));
    }
    return new StoredBatch(
        batchSeq, codec.seal(stream, batchSeq, 5, BASE_NS + batchSeq * 1_000_000L, envelopes));
  }
}
