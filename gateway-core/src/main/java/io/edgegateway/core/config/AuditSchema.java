package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code audit} section: the tamper-evident audit log (docs/security.md). */
final class AuditSchema {
  private AuditSchema() {}

  static final Key<Boolean> ENABLED =
      Key.withDefault(
          "enabled", ValueType.bool(), "true", "Keep the audit log and upload it to `topic`.");
  static final Key<Path> PATH =
      Key.derived(
          "path",
          ValueType.path(),
          "`<data_dir>/audit.log`",
          "The audit log: one hash-chained JSON record per line. A broken log found at start is"
              + " kept as `<path>.broken-<epoch ms>` and a new segment starts.");
  static final Key<String> TOPIC =
      Key.withDefault(
          "topic",
          ValueType.matching(
              UplinkSchema.KAFKA_TOPIC_PATTERN, "a Kafka topic name like edge.audit.v1"),
          "edge.audit.v1",
          "Kafka topic the records are uploaded to, exactly once (key: robot id, value: the"
              + " line).");
  static final Key<Path> SIGNING_KEY_FILE =
      Key.derived(
          "signing_key_file",
          ValueType.path(),
          "`<data_dir>/audit.key`",
          "Ed25519 key (PEM, mode 0600) that signs the checkpoints; made on first start. `edge-gateway"
              + " audit pubkey` prints its public half.");
  static final Section SECTION =
      Section.of(
          "audit",
          "The tamper-evident audit log: what happened to the gateway (start, stop, reloads,"
              + " credential rotations, auth failures, evictions, ...), never a secret.",
          ENABLED,
          PATH,
          TOPIC,
          SIGNING_KEY_FILE);
}
