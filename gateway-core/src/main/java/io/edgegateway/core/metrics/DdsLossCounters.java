package io.edgegateway.core.metrics;

import io.edgegateway.core.port.BusLossListener;
import io.edgegateway.core.port.DdsLossReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters {@code gateway_dds_lost_samples_total{topic,reason}}: samples a DDS writer sent that
 * never reached the gateway, per subscribed topic and {@link DdsLossReason}, as the bus reports
 * them. Topics come from the configured rules and discovery, reasons from a small enum, so the
 * cardinality stays bounded; both reasons of a topic are exported at 0 from its subscription on.
 */
public final class DdsLossCounters implements BusLossListener {
  private final MeterRegistry registry;
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();

  public DdsLossCounters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onSubscribed(String topic) {
    topic(topic);
  }

  @Override
  public void onLost(String topic, DdsLossReason reason, long samples) {
    if (samples <= 0) {
      return;
    }
    Topic t = topic(topic);
    t.counters[reason.ordinal()].increment(samples);
    t.total.addAndGet(samples);
  }

  /** Samples lost on {@code topic} so far, all reasons; 0 for a topic never subscribed. */
  public long lost(String topic) {
    Topic t = topics.get(topic);
    return t == null ? 0 : t.total.get();
  }

  /** Samples lost on {@code topic} for {@code reason} so far. */
  public long lost(String topic, DdsLossReason reason) {
    Topic t = topics.get(topic);
    return t == null ? 0 : (long) t.counters[reason.ordinal()].count();
  }

  private Topic topic(String topic) {
    return topics.computeIfAbsent(topic, this::register);
  }

  private Topic register(String topic) {
    DdsLossReason[] reasons = DdsLossReason.values();
    Counter[] counters = new Counter[reasons.length];
    for (DdsLossReason reason : reasons) {
      counters[reason.ordinal()] =
          Counter.builder("gateway.dds.lost.samples")
              .description(
                  "Samples a DDS writer sent that never reached the gateway, by reason"
                      + " (sequence_gap: missing writer sequence numbers; oversize: larger than"
                      + " the rule's max sample bytes)")
              .tag("topic", topic)
              .tag("reason", reason.tag())
              .register(registry);
    }
    return new Topic(counters, new AtomicLong());
  }

  private static final class Topic {
    final Counter[] counters;
    final AtomicLong total;

    Topic(Counter[] counters, AtomicLong total) {
      this.counters = counters;
      this.total = total;
    }
  }
}
