package io.edgegateway.bench.chaos;

/**
 * What the crash harness found.
 *
 * @param kills SIGKILLs delivered to the daemon
 * @param published samples the publisher wrote, all topics
 * @param delivered distinct published samples found in Kafka (read_committed)
 * @param duplicates records found in Kafka more than once (same topic and sequence)
 * @param lostCommitted per-topic sequence numbers missing in Kafka that the daemon did not report
 *     as lost before commit: data it had made durable and then lost (must be 0)
 * @param lostUncommitted samples the daemon reported, after a restart, as accepted but lost before
 *     the SQLite commit (the documented pre-commit window)
 * @param reportedButDelivered samples reported lost that were found in Kafka anyway (must be 0)
 * @param notReceived published samples the daemon never accepted (it was down, or DDS best-effort
 *     dropped them): published − delivered − lost
 * @param batchGaps per-stream {@code batch_seq} gaps seen by the consumer (must be 0)
 * @param maxLostWindowMs the largest loss of one restart and topic, in ms of publishing
 * @param daemonLostTotal the daemon's own lost-before-commit total (its ledger, {@code /v1/status})
 *     at the end; must equal {@code lostUncommitted}
 */
public record ChaosResult(
    int kills,
    long published,
    long delivered,
    long duplicates,
    long lostCommitted,
    long lostUncommitted,
    long reportedButDelivered,
    long notReceived,
    long batchGaps,
    double maxLostWindowMs,
    long daemonLostTotal) {

  /** True when nothing was duplicated, nothing durable was lost and every loss was reported. */
  public boolean passed() {
    return duplicates == 0
        && lostCommitted == 0
        && reportedButDelivered == 0
        && batchGaps == 0
        && daemonLostTotal == lostUncommitted;
  }

  /** The details line printed before the summary. */
  public String detailsLine() {
    return String.format(
        java.util.Locale.ROOT,
        "not_received=%d reported_but_delivered=%d batch_gaps=%d daemon_lost_total=%d"
            + " max_lost_window_ms=%.0f",
        notReceived,
        reportedButDelivered,
        batchGaps,
        daemonLostTotal,
        maxLostWindowMs);
  }

  /** The harness's last line. */
  public String summaryLine() {
    return "kills="
        + kills
        + " published="
        + published
        + " delivered="
        + delivered
        + " duplicates="
        + duplicates
        + " lost_committed="
        + lostCommitted
        + " lost_uncommitted="
        + lostUncommitted;
  }
}
