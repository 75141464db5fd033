package io.edgegateway.core.metrics;

import io.edgegateway.core.clock.HeaderStamp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The offset between a topic's receive time and the {@code header.stamp} its publisher wrote, as
 * fixed-bucket histograms: {@code gateway_clock_skew_seconds{topic}} for stamps in the past (a
 * publisher 2.5 s behind records +2.5) and {@code gateway_clock_skew_ahead_seconds{topic}} for
 * stamps in the future, by how far (Micrometer histograms take no negative values; this one appears
 * at the topic's first stamp in the future). Recorded on the bus thread without allocation.
 *
 * <p>A stamp that is zero, more than {@value #FUTURE_BOUND_SECONDS} s in the future or from before
 * 2000 is still recorded (the sample is kept as it is) and counted in {@code
 * gateway_clock_suspicious_stamps_total{topic,reason}} ({@code zero}, {@code future}, {@code
 * before_2000}); a sample too short to hold a stamp is counted as {@code unreadable} and not
 * recorded. Those counters appear on first use.
 */
public final class HeaderSkew {
  /** How far in the future a stamp may be before it is suspicious. */
  public static final long FUTURE_BOUND_SECONDS = 1;

  private static final long FUTURE_BOUND_NANOS = FUTURE_BOUND_SECONDS * 1_000_000_000L;
  private static final long Y2000_NANOS = 946_684_800L * 1_000_000_000L;
  private static final double[] BUCKETS_SECONDS = {
    0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 60, 3600
  };

  private final MeterRegistry registry;
  private final String topic;
  private final DistributionSummary behind;
  private volatile @Nullable DistributionSummary ahead;
  private volatile @Nullable Counter zero;
  private volatile @Nullable Counter future;
  private volatile @Nullable Counter before2000;
  private volatile @Nullable Counter unreadable;

  HeaderSkew(MeterRegistry registry, String topic) {
    this.registry = registry;
    this.topic = topic;
    this.behind =
        summary("gateway.clock.skew", "Receive time minus the header stamp, stamps in the past");
  }

  private DistributionSummary summary(String name, String description) {
    return DistributionSummary.builder(name)
        .description(description)
        .baseUnit("seconds")
        .tag("topic", topic)
        .serviceLevelObjectives(BUCKETS_SECONDS)
        .register(registry);
  }

  /**
   * Records one sample of a message that starts with a {@code std_msgs/msg/Header}.
   *
   * @param sample the serialized sample, encapsulation header included
   * @param receiveNs the gateway's receive time, ns since the Unix epoch
   */
  public void record(byte[] sample, long receiveNs) {
    long stamp = HeaderStamp.nanos(sample);
    if (stamp == HeaderStamp.UNREADABLE) {
      unreadable = count(unreadable, "unreadable");
      return;
    }
    long skew = receiveNs - stamp;
    if (skew >= 0) {
      behind.record(skew / 1e9);
    } else {
      DistributionSummary a = ahead;
      if (a == null) { // once per topic, at its first stamp in the future
        a = summary("gateway.clock.skew.ahead", "Header stamp minus receive time, future stamps");
        ahead = a;
      }
      a.record(-skew / 1e9);
    }
    if (stamp == 0) {
      zero = count(zero, "zero");
    } else if (stamp < Y2000_NANOS) {
      before2000 = count(before2000, "before_2000");
    } else if (-skew > FUTURE_BOUND_NANOS) {
      future = count(future, "future");
    }
  }

  private Counter count(@Nullable Counter counter, String reason) {
    Counter c = counter;
    if (c == null) { // once per (topic, reason); registering again returns the same counter
      c =
          Counter.builder("gateway.clock.suspicious.stamps")
              .description("Header stamps that are zero, in the future or from before 2000")
              .tag("topic", topic)
              .tag("reason", reason)
              .register(registry);
    }
    c.increment();
    return c;
  }
}
