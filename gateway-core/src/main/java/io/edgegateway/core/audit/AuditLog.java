package io.edgegateway.core.audit;

import java.util.Map;

/**
 * Where the gateway records what happened to it (docs/security.md, "Audit log"). An append never
 * blocks for long: a full log counts the record as dropped and records the gap later. Details hold
 * names, counts, hashes and fingerprints, never a secret or a config value.
 */
@FunctionalInterface
public interface AuditLog {
  /** Records nothing. */
  AuditLog NONE = (kind, actor, detail) -> {};

  /**
   * Appends one record.
   *
   * @param actor who caused it, e.g. {@code daemon}, {@code SIGHUP}, {@code http 10.0.0.7}
   * @param detail values: String, Long/Integer, Boolean, or lists and maps of them
   */
  void append(AuditKind kind, String actor, Map<String, ?> detail);
}
