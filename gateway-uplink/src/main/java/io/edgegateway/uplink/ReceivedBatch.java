package io.edgegateway.uplink;

import io.edgegateway.core.codec.proto.TelemetryBatch;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One batch as read back from Kafka by {@link BatchReader}.
 *
 * @param key the record key decoded as UTF-8 (the robot id), or null if the record had none
 * @param headers the record headers decoded as UTF-8, by name (the last one wins for repeated
 *     names); see {@link WireHeaders}
 * @param batch the decoded value
 * @param offset the record's offset in its partition
 * @param partition the record's partition
 */
public record ReceivedBatch(
    @Nullable String key,
    Map<String, String> headers,
    TelemetryBatch batch,
    long offset,
    int partition) {
  public ReceivedBatch {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(batch, "batch");
  }
}
