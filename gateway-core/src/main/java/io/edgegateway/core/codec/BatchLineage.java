package io.edgegateway.core.codec;

import java.util.Map;
import java.util.Objects;

/**
 * Where the data came from, stamped into every batch.
 *
 * @param firmwareVersion robot firmware version, may be empty
 * @param modelVersion control policy / model version, may be empty
 * @param runId id of this run of the robot
 * @param labels free-form labels, e.g. {@code site=plant-3}
 */
public record BatchLineage(
    String firmwareVersion, String modelVersion, String runId, Map<String, String> labels) {
  public BatchLineage {
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(runId, "runId");
    labels = Map.copyOf(labels);
  }

  public static BatchLineage empty() {
    return new BatchLineage("", "", "", Map.of());
  }
}
