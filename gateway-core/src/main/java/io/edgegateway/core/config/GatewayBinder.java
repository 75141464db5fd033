package io.edgegateway.core.config;

import static io.edgegateway.core.config.GatewaySchema.DATA_DIR;
import static io.edgegateway.core.config.GatewaySchema.FIRMWARE_VERSION;
import static io.edgegateway.core.config.GatewaySchema.LABELS;
import static io.edgegateway.core.config.GatewaySchema.LINEAGE;
import static io.edgegateway.core.config.GatewaySchema.MODEL_VERSION;
import static io.edgegateway.core.config.GatewaySchema.ROBOT_ID;
import static io.edgegateway.core.config.GatewaySchema.RUN_ID;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Binds the {@code gateway} section ({@link GatewaySchema}) to {@link GatewaySettings}. */
final class GatewayBinder {
  /** The settings; null when the section had errors (all reported). */
  @Nullable GatewaySettings bind(MappingView m) {
    String robotId = m.get(ROBOT_ID);
    Path dataDir = m.get(DATA_DIR);
    LineageSettings lineage = bindLineage(m.section(LINEAGE));
    return m.build(
        () ->
            new GatewaySettings(
                Objects.requireNonNull(robotId, "robotId"),
                Objects.requireNonNull(dataDir, "dataDir"),
                Objects.requireNonNull(lineage, "lineage")));
  }

  private @Nullable LineageSettings bindLineage(MappingView m) {
    String firmware = m.get(FIRMWARE_VERSION);
    String model = m.get(MODEL_VERSION);
    String runId = m.get(RUN_ID);
    Map<String, String> labels = MappingView.values(m.stringMap(LABELS));
    return m.build(
        () ->
            new LineageSettings(
                Objects.requireNonNull(firmware, "firmwareVersion"),
                Objects.requireNonNull(model, "modelVersion"),
                Objects.requireNonNull(runId, "runId"),
                labels));
  }
}
