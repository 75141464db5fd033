package io.edgegateway.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code gateway} section: who this robot is and where local state lives.
 *
 * @param robotId identity of the robot, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; the key of every
 *     Kafka record
 * @param dataDir directory of the SQLite queue and state
 * @param lineage lineage stamped on every batch
 */
public record GatewaySettings(String robotId, Path dataDir, LineageSettings lineage) {
  public GatewaySettings {
    GatewaySchema.ROBOT_ID.check(robotId);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(lineage, "lineage");
  }

  /** Defaults for everything but the robot id. */
  public static GatewaySettings defaults(String robotId) {
    return new GatewaySettings(
        robotId, GatewaySchema.DATA_DIR.defaultOrThrow(), LineageSettings.defaults());
  }
}
