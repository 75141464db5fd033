package io.edgegateway.core.budget;

import io.edgegateway.core.config.BudgetSettings;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StreamHead;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The uplink's bandwidth budget ({@code uplink.budget}): a {@link TokenBucket} for the rate and
 * burst, a {@link DailyCap} per UTC day, and the {@link ClassOrder} of what waits. The sender asks
 * {@link #allowance}/{@link #admits} before a delivery and reports {@link #sent} after it; what the
 * budget does not admit stays in the queue. Without settings it is unlimited and the sender skips
 * it ({@link #limited} is false).
 *
 * <p>Counts payload bytes of queued batches (what the queue holds), not Kafka framing, checkpoint
 * records, dictionaries or the audit log. The day's use lives in memory: a restart counts the day
 * from zero again.
 *
 * <p>Thread-safe: the sender calls it, {@link #update} comes from a config reload, {@link #status}
 * from HTTP and metrics.
 */
public final class UplinkBudget {
  private final Clock clock;
  private @Nullable BudgetSettings settings;
  private @Nullable TokenBucket bucket;
  private DailyCap daily;
  private final RateWindow rate = new RateWindow();
  private long sentBytes;
  private volatile boolean limited;
  private volatile long generation;

  private UplinkBudget(Optional<BudgetSettings> settings, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.daily = DailyCap.starting(Long.MAX_VALUE, clock.wallMillis());
    update(settings);
  }

  /** A budget with {@code settings}, unlimited when empty. */
  public static UplinkBudget of(Optional<BudgetSettings> settings, Clock clock) {
    return new UplinkBudget(settings, clock);
  }

  /** No budget. */
  public static UplinkBudget unlimited(Clock clock) {
    return new UplinkBudget(Optional.empty(), clock);
  }

  /**
   * Takes new settings (a live reload): the bucket keeps what it holds (up to the new burst), the
   * day keeps its use.
   */
  public synchronized void update(Optional<BudgetSettings> next) {
    Objects.requireNonNull(next, "next");
    long now = clock.monotonicNanos();
    long wall = clock.wallMillis();
    BudgetSettings s = next.orElse(null);
    if (s == null) {
      bucket = null;
      daily = daily.withCap(Long.MAX_VALUE, wall);
    } else {
      TokenBucket old = bucket;
      bucket =
          old == null
              ? TokenBucket.full(s.maxBytesPerSecond(), s.burstBytes(), now)
              : new TokenBucket(s.maxBytesPerSecond(), s.burstBytes(), old.tokens(now), now);
      daily = daily.withCap(s.dailyBytes().orElse(Long.MAX_VALUE), wall);
    }
    settings = s;
    limited = s != null;
    generation++;
  }

  /** Whether a budget is in effect. */
  public boolean limited() {
    return limited;
  }

  /** Changes on every {@link #update}. */
  public long generation() {
    return generation;
  }

  /** Bytes that may go now; {@link Long#MAX_VALUE} when unlimited. */
  public synchronized long allowance() {
    TokenBucket b = bucket;
    if (b == null) {
      return Long.MAX_VALUE;
    }
    return Math.min(b.available(clock.monotonicNanos()), daily.remaining(clock.wallMillis()));
  }

  /**
   * Whether a send of {@code bytes} may go now: it fits the bucket and the day's rest (a single
   * batch larger than the burst goes when the bucket is full; larger than the daily cap, as the
   * day's first).
   */
  public synchronized boolean admits(long bytes) {
    TokenBucket b = bucket;
    return b == null
        || (b.admits(bytes, clock.monotonicNanos()) && daily.admits(bytes, clock.wallMillis()));
  }

  /** How long until {@link #admits} {@code bytes}, if nothing else is sent meanwhile. */
  public synchronized long nanosUntil(long bytes) {
    TokenBucket b = bucket;
    if (b == null) {
      return 0;
    }
    long wall = clock.wallMillis();
    if (!daily.admits(bytes, wall)) {
      return Math.max(1, daily.resetsAtMillis(wall) - wall) * 1_000_000L;
    }
    return b.nanosUntil(bytes, clock.monotonicNanos());
  }

  /** {@code bytes} were delivered. */
  public synchronized void sent(long bytes) {
    long now = clock.monotonicNanos();
    TokenBucket b = bucket;
    if (b != null) {
      b.take(bytes, now);
      sentBytes += bytes;
    }
    daily.take(bytes, clock.wallMillis());
    rate.add(bytes, now);
  }

  /** Bytes sent under a budget since start ({@code gateway_uplink_budget_bytes_total}). */
  public synchronized long sentBytes() {
    return sentBytes;
  }

  /** Bytes sent today (UTC). */
  public synchronized long dailyUsedBytes() {
    return daily.used(clock.wallMillis());
  }

  /** The age past which a stream is backlog. */
  public synchronized Duration backlogAfter() {
    BudgetSettings s = settings;
    return s == null ? BudgetSettings.defaultBacklogAfter() : s.backlogAfter();
  }

  /** The class order now. */
  public Comparator<StreamHead> order() {
    return ClassOrder.at(clock.wallMillis(), backlogAfter());
  }

  /** The budget's use, with what waits in {@code queue} per class. */
  public synchronized BudgetStatus status(QueueStats queue) {
    long now = clock.monotonicNanos();
    long wall = clock.wallMillis();
    BudgetSettings s = settings;
    TokenBucket b = bucket;
    long available = b == null ? 0 : Math.min(b.available(now), daily.remaining(wall));
    return new BudgetStatus(
        s != null,
        s == null ? 0 : s.maxBytesPerSecond(),
        s == null ? 0 : s.burstBytes(),
        available,
        rate.bytesPerSecond(now),
        sentBytes,
        daily.capped() ? OptionalLong.of(daily.cap()) : OptionalLong.empty(),
        daily.used(wall),
        daily.resetsAtMillis(wall),
        ClassWaiting.of(queue, wall, backlogAfter()));
  }
}
