package io.edgegateway.core.audit;

import java.util.Locale;

/** What an audit record records; its wire name is the lower-case constant name. */
public enum AuditKind {
  START,
  STOP,
  RELOAD,
  RELOAD_FAILED,
  CAPTURE,
  EVICTION,
  TTL_DROP,
  QUARANTINE,
  CREDENTIAL_ROTATED,
  AUTH_FAILURE,
  DISK_FULL,
  CLOCK_JUMP,
  CHECKPOINT,
  CHAIN_BREAK,
  AUDIT_GAP;

  /** The name in the {@code kind} field, e.g. {@code reload_failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
