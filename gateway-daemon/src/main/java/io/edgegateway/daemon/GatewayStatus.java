package io.edgegateway.daemon;

import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import java.util.List;

/**
 * One snapshot of what {@code /v1/status} reports, in the order it is rendered ({@link
 * StatusJson}).
 *
 * @param uptimeSeconds since the gateway was built
 * @param config the config in effect, its generation and the last reload
 * @param ledger the completeness ledger, one line per (stream, topic)
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
    List<TopicLedger> ledger) {

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
