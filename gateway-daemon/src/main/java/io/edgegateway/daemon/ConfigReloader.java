package io.edgegateway.daemon;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.config.BudgetSettings;
import io.edgegateway.core.config.ConfigError;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.ConfigState.ReloadOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live reload of the gateway's config file: read and validate it again; refuse it (keep running
 * on the config in effect, count {@code gateway_config_reload_failures_total}, one WARN line per
 * reason) when it is invalid, unreadable or changes a key that needs a restart ({@link
 * ConfigDiff}); otherwise apply the queue limits, the topic rules and the bandwidth budget and make
 * it the next generation. A file whose bytes did not change and whose referenced files ({@code
 * http.auth.token_file}, {@code ${file:...}}) did not either is a successful reload that changes
 * nothing. Every reload first checks the uplink's TLS files again (rotating to them if they changed
 * and are good, else one WARN line and {@code gateway_tls_reload_failures_total}); since the config
 * checks the same files, bad ones also refuse the reload. Called by the {@link ReloadCoordinator}'s
 * thread only.
 */
final class ConfigReloader {
  private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

  private final Path file;
  private final ConfigStateRef state;
  private final SqliteDurableQueue queue;
  private final SubscriptionsApplier subscriptions;
  private final ReloadMetrics metrics;
  private final Clock clock;
  private final Runnable tlsCheck;
  private final Consumer<SaslSettings> saslRotation;
  private final AuditLog audit;
  private final Consumer<Optional<BudgetSettings>> budget;

  /**
   * @param audit gets a {@code reload} (changed keys, never values) or {@code reload_failed} (why,
   *     and the keys at fault) per reload
   * @param hooks what a reload changes live besides the queue limits and the topic rules
   */
  ConfigReloader(
      Path file,
      ConfigStateRef state,
      SqliteDurableQueue queue,
      SubscriptionsApplier subscriptions,
      ReloadMetrics metrics,
      Clock clock,
      AuditLog audit,
      LiveHooks hooks) {
    this.file = file;
    this.state = state;
    this.queue = queue;
    this.subscriptions = subscriptions;
    this.metrics = metrics;
    this.clock = clock;
    this.audit = audit;
    this.tlsCheck = hooks.tlsCheck();
    this.saslRotation = hooks.saslRotation();
    this.budget = hooks.budget();
  }

  /**
   * The parts of the running gateway a reload changes through a callback.
   *
   * @param tlsCheck checks the uplink's TLS files again and takes them into use if they changed and
   *     are good ({@code UplinkTls.reload}); runs first on every reload
   * @param saslRotation takes a new {@code uplink.kafka.sasl} secret into use ({@code
   *     SaslCredentials.rotate}); called when a reload changes only the secret
   * @param budget takes a changed {@code uplink.budget} (empty: removed, unlimited) into use
   *     ({@code UplinkBudget.update})
   */
  record LiveHooks(
      Runnable tlsCheck,
      Consumer<SaslSettings> saslRotation,
      Consumer<Optional<BudgetSettings>> budget) {}

  /** Reloads the file; {@code cause} names who asked (SIGHUP, POST /v1/reload). */
  ReloadOutcome reload(String cause) {
    tlsCheck.run();
    ConfigState now = state.get();
    ConfigSnapshot snapshot = ConfigSnapshot.read(file);
    if (!snapshot.result().isValid()) {
      List<String> lines = snapshot.result().errors().stream().map(ConfigError::format).toList();
      log.warn(
          "config reload ({}) refused: {} has {} error(s); still running generation {}",
          cause,
          file,
          lines.size(),
          now.generation());
      lines.forEach(line -> log.warn("{}", line));
      List<String> keys =
          snapshot.result().errors().stream().map(ConfigError::path).distinct().toList();
      failed(cause, "invalid", keys, now);
      return refused(now, String.join("\n", lines));
    }
    GatewayConfig next = snapshot.result().config().orElseThrow();
    if (snapshot.sha256().equals(now.sha256()) && next.equals(now.config())) {
      log.info("config reload ({}): {} unchanged, generation {}", cause, file, now.generation());
      reloaded(cause, List.of(), now.generation(), now.sha256());
      return kept(now, outcome(true, Optional.empty(), now.generation()));
    }
    ConfigDiff diff = ConfigDiff.between(now.config(), next);
    if (diff.needsRestart()) {
      String keys = String.join(", ", diff.restartKeys());
      log.warn(
          "config reload ({}) refused: {} changes {} which need a restart; nothing applied, still"
              + " running generation {}",
          cause,
          file,
          keys,
          now.generation());
      failed(cause, "needs_restart", diff.restartKeys(), now);
      return refused(now, "needs a restart: " + keys);
    }
    SubscriptionsApplier.Prepared prepared;
    try {
      prepared = subscriptions.prepare(next.ros2());
    } catch (IllegalArgumentException e) {
      log.warn("config reload ({}) refused: {}: {}", cause, file, e.getMessage());
      failed(cause, "rejected", List.of("ros2.topics"), now);
      return refused(now, file + ": " + e.getMessage());
    }
    try {
      if (diff.queueLimitsChanged()) {
        queue.limits(next.buffer().maxBytes(), next.buffer().ttl());
        log.info(
            "config reload: queue quota {} bytes, ttl {}",
            next.buffer().maxBytes(),
            next.buffer().ttl());
      }
      if (diff.rulesChanged()) {
        subscriptions.apply(prepared);
      }
      if (diff.saslSecretChanged()) {
        SaslSettings sasl = next.uplink().kafka().sasl().orElseThrow();
        saslRotation.accept(sasl);
        log.info(
            "config reload: uplink.kafka.sasl secret from {} rotated; the uplink makes a new"
                + " producer before its next transaction",
            sasl.secretFile());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("credential", "uplink.kafka.sasl");
        detail.put("mechanism", sasl.mechanism().kafkaName());
        detail.put("principal", sasl.principal());
        audit.append(AuditKind.CREDENTIAL_ROTATED, cause, detail);
      }
      if (diff.budgetChanged()) {
        budget.accept(next.uplink().budget());
        log.info(
            "config reload: uplink.budget {}",
            next.uplink()
                .budget()
                .map(
                    b ->
                        b.maxBytesPerSecond()
                            + " bytes/s, burst "
                            + b.burstBytes()
                            + (b.dailyBytes().isPresent()
                                ? ", " + b.dailyBytes().getAsLong() + " bytes/day"
                                : ""))
                .orElse("off (unlimited)"));
      }
      if (diff.authChanged()) {
        // applied with the state below: the HTTP server reads the auth in effect per request
        log.info(
            "config reload: http.auth {}",
            next.http().auth().map(a -> "token from " + a.tokenFile()).orElse("off"));
      }
    } catch (RuntimeException e) {
      // Unexpected (the queue closed under us, a bug): what was applied so far stays applied.
      log.error("config reload ({}) failed while applying {}: {}", cause, file, e.toString());
      failed(cause, "apply_failed", diff.changedKeys(), now);
      return refused(now, "failed while applying (partly applied): " + e);
    }
    ReloadOutcome ok = outcome(true, Optional.empty(), now.generation() + 1);
    state.set(now.applied(next, snapshot.sha256(), ok));
    metrics.applied();
    reloaded(cause, diff.changedKeys(), ok.generation(), snapshot.sha256());
    log.info(
        "config reload ({}) applied: {} is generation {} (sha256 {})",
        cause,
        file,
        ok.generation(),
        snapshot.sha256());
    return ok;
  }

  private void reloaded(String cause, List<String> changed, long generation, String sha256) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("changed", changed);
    detail.put("generation", generation);
    detail.put("config_sha256", sha256);
    audit.append(AuditKind.RELOAD, cause, detail);
  }

  private void failed(String cause, String reason, List<String> keys, ConfigState now) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("reason", reason);
    detail.put("keys", keys);
    detail.put("generation", now.generation());
    audit.append(AuditKind.RELOAD_FAILED, cause, detail);
  }

  private ReloadOutcome refused(ConfigState now, String error) {
    metrics.refused();
    return kept(now, outcome(false, Optional.of(error), now.generation()));
  }

  private ReloadOutcome kept(ConfigState now, ReloadOutcome outcome) {
    state.set(now.kept(outcome));
    return outcome;
  }

  private ReloadOutcome outcome(boolean ok, Optional<String> error, long generation) {
    return new ReloadOutcome(ok, error, clock.wallMillis(), generation);
  }
}
