package io.edgegateway.core.config;

import java.time.Duration;

/**
 * The keys of the {@code uplink.budget} section: the bandwidth budget of a metered link
 * (docs/operations.md, "Metered links").
 */
final class BudgetSchema {
  private BudgetSchema() {}

  static final Key<Long> MAX_BYTES_PER_S =
      Key.required(
          "max_bytes_per_s",
          ValueType.size(1L << 10, 10L << 30),
          "Long-run upload rate of queued batches, payload bytes per second. May be below one"
              + " batch per second: a full batch then goes every `max_bytes/max_bytes_per_s`"
              + " seconds.");
  static final Key<Long> DAILY_BYTES =
      Key.optional(
          "daily_bytes",
          ValueType.size(1L << 10, 1L << 50),
          "Cap per UTC day (resets at 00:00 UTC). Once reached everything waits until the reset,"
              + " incidents first then. At least `buffer.batch.max_bytes`.");
  static final Key<Long> BURST =
      Key.derived(
          "burst",
          ValueType.size(1L << 10, 64L << 30),
          "the larger of `max_bytes_per_s` and `buffer.batch.max_bytes`",
          "Bytes that may go at once after the link was idle (the token bucket's size). At least"
              + " `buffer.batch.max_bytes`, or the largest batch could never be sent.");
  static final Key<Duration> BACKLOG_AFTER =
      Key.withDefault(
          "backlog_after",
          ValueType.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
          "60s",
          "A stream whose oldest waiting batch was sealed longer ago than this is backlog: it goes"
              + " after every stream with fresh data (incidents are never backlog).");
  static final Section SECTION =
      Section.of(
          "uplink.budget",
          "The bandwidth budget (a metered link): the uplink sends at most this much; the rest"
              + " waits in the queue in class order (incidents, then streams by priority, then the"
              + " backlog), counted in bytes and age, never dropped for the budget. Absent:"
              + " unlimited.",
          MAX_BYTES_PER_S,
          DAILY_BYTES,
          BURST,
          BACKLOG_AFTER);
}
