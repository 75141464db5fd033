package io.edgegateway.daemon;

import io.edgegateway.core.budget.BudgetStatus;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One snapshot of what {@code /v1/status} reports, in the order it is rendered ({@link
 * StatusJson}).
 *
 * @param uptimeSeconds since the gateway was built
 * @param config the config in effect, its generation and the last reload
 * @param ledger the completeness ledger, one line per (stream, topic)
 * @param tls the uplink's mTLS material, when {@code uplink.kafka.tls} is configured
 * @param clock the wall clock's health
 * @param budget the bandwidth budget's use and what waits per class
 */
record GatewayStatus(
    String robotId,
    String instanceId,
    double uptimeSeconds,
    BusStatus bus,
    QueueStatus queue,
    Uplink.UplinkState uplink,
    int intakeDepth,
    FastPathStatus fastPath,
    ConfigState config,
    List<TopicLedger> ledger,
    Optional<TlsStatus> tls,
    ClockStatus clock,
    BudgetStatus budget) {

  /**
   * The audit of the uplink's certificate: which one is in use, until when, how often it was
   * rotated and refused, and why the last refusal happened while it still applies.
   *
   * @param lastError the last refused check, empty once good files were seen again
   */
  record TlsStatus(
      String certificate,
      Instant notAfter,
      long rotations,
      long reloadFailures,
      Optional<String> lastError) {}

  /**
   * @param subscriptions subscribed at start, relayed, then discovered
   * @param discovery {@code off}, {@code running} or {@code unavailable}
   */
  record BusStatus(boolean joined, int domainId, List<String> subscriptions, String discovery) {}

  /**
   * @param oldestAgeSeconds age of the oldest queued batch, 0 when the queue is empty
   */
  record QueueStatus(QueueStats stats, double oldestAgeSeconds, boolean diskFull) {}

  record FastPathStatus(FastPathScheduling scheduling, int threads, List<RelayStatus> relays) {}

  /** One control relay's counters. */
  record RelayStatus(String topic, long relayed, long failed) {}
}
