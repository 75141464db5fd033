package io.edgegateway.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code gateway.lineage} section: where the data came from, stamped into every batch.
 *
 * @param firmwareVersion robot firmware version, may be empty
 * @param modelVersion control policy or model version, may be empty
 * @param runId id of this run; {@value #AUTO_RUN_ID} asks the gateway to generate one per start
 * @param labels free-form labels, in file order
 */
public record LineageSettings(
    String firmwareVersion, String modelVersion, String runId, Map<String, String> labels) {
  /** The {@code run_id} that asks for a generated id. */
  public static final String AUTO_RUN_ID = "auto";

  public LineageSettings {
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(modelVersion, "modelVersion");
    GatewaySchema.RUN_ID.check(runId);
    labels = ConfigMaps.copyOf(labels, "labels");
  }

  /** Whether {@link #runId()} is {@value #AUTO_RUN_ID}. */
  public boolean autoRunId() {
    return AUTO_RUN_ID.equals(runId);
  }

  /** Empty versions, {@code run_id: auto}, no labels. */
  public static LineageSettings defaults() {
    return new LineageSettings(
        GatewaySchema.FIRMWARE_VERSION.defaultOrThrow(),
        GatewaySchema.MODEL_VERSION.defaultOrThrow(),
        GatewaySchema.RUN_ID.defaultOrThrow(),
        Map.of());
  }
}
