package io.edgegateway.daemon;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.audit.AuditKeys;
import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.audit.FileAuditLog;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.http.AuthFailureListener;
import io.edgegateway.uplink.AuditUploader;
import io.edgegateway.uplink.SaslCredentials;
import io.edgegateway.uplink.UplinkTls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's audit log and the events it records from the daemon (docs/security.md, "Audit
 * log"): {@code start}, {@code quarantine}, queue evictions, {@code auth_failure} (method, route,
 * reason, address; never the token) and {@code credential_rotated} (certificate fingerprints).
 * Reloads are recorded by {@link ConfigReloader}, {@code stop} by {@link GatewayLifecycle}.
 */
final class GatewayAudit {
  private final Optional<FileAuditLog> file;
  private final MeterRegistry registry;

  private GatewayAudit(Optional<FileAuditLog> file, MeterRegistry registry) {
    this.file = file;
    this.registry = registry;
  }

  /** Opens the log of {@code config} (none when {@code audit.enabled} is false). */
  static GatewayAudit open(GatewayConfig config, Clock clock, MeterRegistry registry) {
    var audit = config.audit();
    if (!audit.enabled()) {
      return new GatewayAudit(Optional.empty(), registry);
    }
    var dataDir = config.gateway().dataDir();
    return new GatewayAudit(
        Optional.of(
            FileAuditLog.open(
                audit.logFile(dataDir),
                AuditKeys.loadOrCreate(audit.keyFile(dataDir)),
                clock,
                registry)),
        registry);
  }

  /** The log file's writer; empty when auditing is off. */
  Optional<FileAuditLog> file() {
    return file;
  }

  /** Where to append. */
  AuditLog log() {
    return file.<AuditLog>map(f -> f).orElse(AuditLog.NONE);
  }

  /**
   * Starts uploading the log to {@code audit.topic} (none when auditing is off) and registers
   * {@code gateway_audit_upload_lag_records}.
   */
  Optional<AuditUploader> upload(
      GatewayConfig config, SaslCredentials sasl, Optional<UplinkTls> tls) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    FileAuditLog f = file.get();
    var kafka = config.uplink().kafka();
    AuditUploader upload =
        AuditUploader.start(
            config.gateway().robotId(),
            kafka,
            sasl,
            tls,
            config.audit().topic(),
            config.uplink().checkpointTopic(),
            f.file());
    Gauge.builder(
            "gateway.audit.upload.lag",
            () -> upload.committedSeq() < 0 ? f.headSeq() : f.headSeq() - upload.committedSeq())
        .baseUnit("records")
        .description("Audit records written locally but not yet committed to the audit topic")
        .register(registry);
    return Optional.of(upload);
  }

  /** Records {@code start}: version, config digest, robot and instance. */
  void started(GatewayConfig config, String configSha256, String instanceId) {
    String version = Gateway.class.getPackage().getImplementationVersion();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("version", version == null ? "dev" : version);
    detail.put("config_sha256", configSha256);
    detail.put("robot_id", config.gateway().robotId());
    detail.put("instance_id", instanceId);
    log().append(AuditKind.START, "daemon", detail);
  }

  /**
   * Records {@code quarantine} when the queue found its files corrupt at open and moved them aside
   * ({@code queue.db.corrupt-<timestamp>}), and from then on every eviction of the queue.
   */
  void queueOpened(SqliteDurableQueue queue, Path dataDir) {
    long quarantined = queue.stats().quarantinedFiles();
    if (quarantined > 0) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("files", quarantined);
      detail.put("data_dir", dataDir.toString());
      log().append(AuditKind.QUARANTINE, "queue", detail);
    }
    queue.auditTo(log());
  }

  /** The HTTP server's 401 listener: {@code auth_failure}, without the presented token. */
  AuthFailureListener authFailures() {
    AuditLog log = log();
    return f -> {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("method", f.method());
      detail.put("route", f.route());
      detail.put("reason", f.reason());
      log.append(AuditKind.AUTH_FAILURE, "http " + f.remote(), detail);
    };
  }

  /** Records {@code credential_rotated} (old and new certificate SHA-256) on every rotation. */
  void watch(UplinkTls tls) {
    AuditLog log = log();
    AtomicReference<String> inUse = new AtomicReference<>(tls.certificateSha256());
    tls.onRotation(
        () -> {
          String next = tls.certificateSha256();
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("credential", "uplink.kafka.tls");
          detail.put("previous_sha256", inUse.getAndSet(next));
          detail.put("certificate_sha256", next);
          detail.put("subject", tls.certificateSubject());
          detail.put("not_after", tls.certificateNotAfter().toString());
          log.append(AuditKind.CREDENTIAL_ROTATED, "uplink", detail);
        });
  }
}
