package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code gateway} section: robot identity, local state and lineage. */
final class GatewaySchema {
  private GatewaySchema() {}

  static final String ROBOT_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  static final Key<String> ROBOT_ID =
      Key.required(
          "robot_id",
          ValueType.matching(ROBOT_ID_PATTERN, "a robot id like hx-0042 (letters, digits, . _ -)"),
          "Identity of this robot; the key of every Kafka record and part of the transactional id.");
  static final Key<Path> DATA_DIR =
      Key.withDefault(
          "data_dir",
          ValueType.path(),
          "/var/lib/edge-gateway",
          "Directory of the SQLite queue and gateway state.");
  static final Key<String> FIRMWARE_VERSION =
      Key.withDefault(
          "firmware_version",
          ValueType.string(),
          "",
          "Robot firmware version, stamped on batches.");
  static final Key<String> MODEL_VERSION =
      Key.withDefault(
          "model_version",
          ValueType.string(),
          "",
          "Control policy or model version, stamped on batches.");
  static final Key<String> RUN_ID =
      Key.withDefault(
          "run_id",
          ValueType.nonEmptyString(),
          "auto",
          "Id of this run, stamped on batches; `auto` lets the gateway generate one per start.");
  static final Key<String> LABELS =
      Key.stringMap("labels", "Free-form labels stamped on batches, e.g. `{site: plant-3}`.");
  static final Section LINEAGE_SECTION =
      Section.of(
          "gateway.lineage",
          "Where the data came from; stamped into every batch.",
          FIRMWARE_VERSION,
          MODEL_VERSION,
          RUN_ID,
          LABELS);
  static final Key<Void> LINEAGE =
      Key.section("lineage", LINEAGE_SECTION, "see below", "Lineage stamped on every batch.");
  static final Section SECTION =
      Section.of("gateway", "Identity of the robot and local state.", ROBOT_ID, DATA_DIR, LINEAGE);
}
