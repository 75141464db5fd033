package io.edgegateway.core.metrics;

import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.port.QueueStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every meter the gateway exports, declared in one place with its description. Names follow {@code
 * gateway_<area>_<thing>_<unit>} once rendered by the Prometheus naming convention; tags are {@code
 * topic} and {@code stream}, whose values come from the configuration and so are bounded.
 */
public final class GatewayMetrics {
  private static final List<String> EVICTION_REASONS = List.of("quota", "ttl", "disk_full");

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> compressionPermille = new ConcurrentHashMap<>();
  private final Map<String, SourceSkew> sourceSkews = new ConcurrentHashMap<>();
  private final Map<String, HeaderSkew> headerSkews = new ConcurrentHashMap<>();
  private final Map<String, Boolean> lagGauges = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier[]> relaySources = new ConcurrentHashMap<>();
  // Meters keep only weak references to their source; this keeps the ledger sources alive.
  private final Map<TopicKey, Function<TopicKey, TopicLedger>> ledgerSources =
      new ConcurrentHashMap<>();
  // Meters keep only weak references to their source; this keeps the queue snapshot alive.
  private volatile @Nullable Supplier<QueueStats> queueStats;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Samples received from the bus on {@code topic}. */
  public Counter busReceived(String topic) {
    return Counter.builder("gateway.bus.messages.received")
        .description("Samples received from the DDS bus")
        .tag("topic", topic)
        .register(registry);
  }

  /**
   * Exports {@code gateway_bus_source_skew_seconds{topic}}: the gateway's receive time minus the
   * publisher's source timestamp of the latest sample of {@code topic} that carried one (NaN
   * before). It is the transport delay (µs to ms on a robot) plus the offset between the publishing
   * computer's clock and this one, so anything beyond milliseconds is clock skew (or a publisher
   * stamping with simulated or replayed time). Registering a topic twice returns the same holder.
   */
  public SourceSkew sourceSkew(String topic) {
    return sourceSkews.computeIfAbsent(
        topic,
        t -> {
          SourceSkew skew = new SourceSkew();
          Gauge.builder("gateway.bus.source.skew", skew, SourceSkew::seconds)
              .description("Receive time minus the publisher's source stamp, latest sample")
              .baseUnit("seconds")
              .strongReference(true)
              .tag("topic", t)
              .register(registry);
          return skew;
        });
  }

  /**
   * The header-stamp skew histograms of {@code topic} ({@link HeaderSkew}); registering a topic
   * twice returns the same holder. Only for topics whose type starts with a header.
   */
  public HeaderSkew headerSkew(String topic) {
    return headerSkews.computeIfAbsent(topic, t -> new HeaderSkew(registry, t));
  }

  /** Samples dropped before reaching a batch, by reason (sampling policy or a full intake). */
  public Counter samplerDropped(String topic, String reason) {
    return Counter.builder("gateway.sampler.dropped")
        .description("Samples dropped before batching: sampling policy or full intake")
        .tag("topic", topic)
        .tag("reason", reason)
        .register(registry);
  }

  /** Batches sealed (encoded and compressed) per stream. */
  public Counter batchesSealed(String stream) {
    return Counter.builder("gateway.batcher.batches.sealed")
        .description("Batches sealed by the batcher")
        .tag("stream", stream)
        .register(registry);
  }

  /** Samples placed into sealed batches per stream. */
  public Counter recordsSealed(String stream) {
    return Counter.builder("gateway.batcher.records.sealed")
        .description("Samples placed into sealed batches")
        .tag("stream", stream)
        .register(registry);
  }

  /** Samples lost because their batch could not be made durable (e.g. disk full). */
  public Counter queueAppendLostRecords(String stream) {
    return Counter.builder("gateway.queue.append.lost.records")
        .description("Samples lost because their batch could not be written to the durable queue")
        .tag("stream", stream)
        .register(registry);
  }

  /**
   * Unexpected errors (a bug in the codec, the queue or the batcher itself) the batcher survived;
   * the samples of a batch that failed this way are counted in {@link #queueAppendLostRecords}.
   */
  public Counter batcherErrors() {
    return Counter.builder("gateway.batcher.errors")
        .description("Unexpected errors the batcher caught and survived (a bug; see the log)")
        .register(registry);
  }

  /** Unexpected errors the uplink sender caught and survived (it retries with backoff). */
  public Counter uplinkErrors() {
    return Counter.builder("gateway.uplink.errors")
        .description("Unexpected errors the uplink sender caught and survived (a bug; see the log)")
        .register(registry);
  }

  /** Batches handed to the uplink, by outcome ({@code ok} or {@code retry}). */
  public Counter uplinkBatches(String stream, String outcome) {
    return Counter.builder("gateway.uplink.batches")
        .description("Batches delivered (outcome=ok) or failed and kept for retry (outcome=retry)")
        .tag("stream", stream)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Compressed batch bytes acknowledged by the broker. */
  public Counter uplinkBytes(String stream) {
    return Counter.builder("gateway.uplink.bytes")
        .description("Compressed batch bytes acknowledged by the broker")
        .baseUnit("bytes")
        .tag("stream", stream)
        .register(registry);
  }

  /**
   * Time of one successful uplink delivery: the batches of one sender round sent and their Kafka
   * transaction committed (exported as {@code gateway_uplink_commit_seconds}, with the median and
   * p99 over a sliding window of about a minute).
   */
  public Timer uplinkCommit() {
    return Timer.builder("gateway.uplink.commit")
        .description("Time to send one sender round of batches and commit its transaction")
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }

  /** Records the compression ratio (uncompressed / compressed) of the latest batch of a stream. */
  public void compressionRatio(String stream, int uncompressedBytes, int compressedBytes) {
    AtomicLong holder =
        compressionPermille.computeIfAbsent(
            stream,
            s -> {
              AtomicLong h = new AtomicLong();
              Gauge.builder("gateway.codec.compression.ratio", h, v -> v.get() / 1000.0)
                  .description("Uncompressed / compressed size of the latest sealed batch")
                  .strongReference(true)
                  .tag("stream", s)
                  .register(registry);
              return h;
            });
    if (compressedBytes > 0) {
      holder.set(Math.round(1000.0 * uncompressedBytes / compressedBytes));
    }
  }

  /**
   * Exports queue depth, size, age, evictions and per-stream upload lag from a snapshot supplier.
   *
   * @param stats returns the latest snapshot; called on every scrape, so it must be cheap
   * @param wallMillis current wall-clock time in ms
   * @param streams the configured streams, one lag gauge each
   */
  public void bindQueue(
      Supplier<QueueStats> stats, Supplier<Long> wallMillis, Iterable<String> streams) {
    this.queueStats = stats;
    Gauge.builder("gateway.queue.batches", stats, s -> s.get().batches())
        .description("Batches waiting in the durable queue")
        .strongReference(true)
        .register(registry);
    Gauge.builder("gateway.queue.bytes", stats, s -> s.get().bytes())
        .description("Compressed bytes waiting in the durable queue")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            "gateway.queue.oldest.age",
            stats,
            s -> ageSeconds(s.get().oldestSealedAtMillis(), wallMillis.get()))
        .description("Age of the oldest batch waiting in the durable queue")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("gateway.queue.quarantined", stats, s -> s.get().quarantinedFiles())
        .description("Corrupt queue files moved aside (kept) at start, replaced by a fresh queue")
        .register(registry);
    for (String stream : streams) {
      if (lagGauges.putIfAbsent(stream, Boolean.TRUE) != null) {
        continue;
      }
      // Exported at 0 from the start: increase() in an alert cannot see a counter's first value.
      queueAppendLostRecords(stream);
      for (String reason : EVICTION_REASONS) {
        FunctionCounter.builder(
                "gateway.queue.evicted.batches",
                stats,
                s -> {
                  QueueStats.StreamStats st = s.get().streams().get(stream);
                  return st == null ? 0 : st.evictedBatches().getOrDefault(reason, 0L);
                })
            .description("Batches evicted from the durable queue before upload, by reason")
            .tag("stream", stream)
            .tag("reason", reason)
            .register(registry);
      }
      Gauge.builder(
              "gateway.uplink.lag",
              stats,
              s -> {
                QueueStats.StreamStats st = s.get().streams().get(stream);
                return st == null ? 0 : ageSeconds(st.oldestSealedAtMillis(), wallMillis.get());
              })
          .description("Age of the oldest batch of the stream not yet acknowledged by the broker")
          .baseUnit("seconds")
          .strongReference(true)
          .tag("stream", stream)
          .register(registry);
    }
  }

  /**
   * Exports {@code gateway_queue_disk_full}: 1 while the durable queue's disk is full (appends
   * evict or are refused), else 0.
   *
   * @param diskFull must be cheap; called on every scrape
   */
  public void bindQueueDiskFull(BooleanSupplier diskFull) {
    Gauge.builder("gateway.queue.disk.full", diskFull, d -> d.getAsBoolean() ? 1 : 0)
        .description("1 while the durable queue's disk is full (appends evict or are refused)")
        .strongReference(true)
        .register(registry);
  }

  /** Mirror copies of a control topic dropped because the handoff to telemetry was full. */
  public Counter fastPathMirrorDropped(String topic) {
    return Counter.builder("gateway.fastpath.mirror.dropped")
        .description("Control-topic mirror copies dropped because the telemetry handoff was full")
        .tag("topic", topic)
        .register(registry);
  }

  /**
   * Exports the relay counters of one control topic, by outcome ({@code ok} or {@code failed}). The
   * suppliers are kept here: a FunctionCounter holds its state object only weakly, and a method
   * reference nobody else holds would be collected, leaving the counter at 0.
   */
  public void bindFastPathRelay(String topic, LongSupplier relayed, LongSupplier failed) {
    relaySources.put(topic, new LongSupplier[] {relayed, failed});
    FunctionCounter.builder("gateway.fastpath.relayed", relayed, LongSupplier::getAsLong)
        .description("Control samples relayed (outcome=ok) or refused by the target (failed)")
        .tag("topic", topic)
        .tag("outcome", "ok")
        .register(registry);
    FunctionCounter.builder("gateway.fastpath.relayed", failed, LongSupplier::getAsLong)
        .description("Control samples relayed (outcome=ok) or refused by the target (failed)")
        .tag("topic", topic)
        .tag("outcome", "failed")
        .register(registry);
  }

  /**
   * Exports the fast-path latency (DDS receive to relay write complete) as a set of gauges, {@code
   * gateway_fastpath_latency_seconds{quantile="0.5|0.99|0.999|1"}} (1 is the maximum), computed
   * from an HdrHistogram over a sliding window. Gauges rather than a Micrometer Timer: a Timer
   * would be recorded on the relay thread through Micrometer's own histogram; this keeps the hot
   * path on a wait-free HdrHistogram recorder and exact percentiles.
   *
   * @param quantileSeconds maps a quantile (0..1) to the latency at it in seconds; called on scrape
   */
  public void bindFastPathLatency(DoubleUnaryOperator quantileSeconds) {
    for (double q : new double[] {0.5, 0.99, 0.999, 1.0}) {
      Gauge.builder("gateway.fastpath.latency", quantileSeconds, f -> f.applyAsDouble(q))
          .description("Control relay latency, DDS receive to relay write complete, sliding window")
          .baseUnit("seconds")
          .strongReference(true)
          .tag("quantile", q == 1.0 ? "1" : Double.toString(q))
          .register(registry);
    }
  }

  /**
   * Exports one chosen message field as the gauge {@code gateway_field_<name>{topic,field}}.
   *
   * @param name the configured metric name, {@code [a-z_][a-z0-9_]*}
   * @param value called on every scrape; must be cheap and thread-safe
   */
  public void fieldGauge(String name, String topic, String field, DoubleSupplier value) {
    Gauge.builder("gateway.field." + name, value, DoubleSupplier::getAsDouble)
        .description("Value of field " + field + " in the latest sample of " + topic)
        .strongReference(true)
        .tag("topic", topic)
        .tag("field", field)
        .register(registry);
  }

  /**
   * Samples whose watched field could not be read, by use: {@code on_change} (the sample was kept)
   * or {@code metric} (the field gauge kept its previous value).
   */
  public Counter fieldUndecodable(String topic, String field, String use) {
    return Counter.builder("gateway.undecodable.fields")
        .description("Samples whose configured field could not be read (on_change or metric)")
        .tag("topic", topic)
        .tag("field", field)
        .tag("use", use)
        .register(registry);
  }

  private static double ageSeconds(long sealedAtMillis, long nowMillis) {
    return sealedAtMillis <= 0 ? 0 : Math.max(0, nowMillis - sealedAtMillis) / 1000.0;
  }

  /**
   * Registers {@code gateway_ledger_messages_total{stream,topic,state}} for one completeness-ledger
   * line, read from {@code source} at each scrape; state is one of {@code accepted}, {@code
   * sampled_out}, {@code intake_dropped}, {@code sealed}, {@code uploaded}, {@code
   * evicted_<reason>}, {@code lost_before_commit}. Registering a key twice does nothing.
   */
  public void bindLedger(TopicKey key, Function<TopicKey, TopicLedger> source) {
    if (ledgerSources.putIfAbsent(key, source) != null) {
      return;
    }
    ledgerCounter(key, source, "accepted", TopicLedger::accepted);
    ledgerCounter(key, source, "sampled_out", TopicLedger::sampledOut);
    ledgerCounter(key, source, "intake_dropped", TopicLedger::intakeDropped);
    ledgerCounter(key, source, "sealed", TopicLedger::sealed);
    ledgerCounter(key, source, "uploaded", TopicLedger::uploaded);
    for (String reason : TopicLedger.EVICTION_REASONS) {
      ledgerCounter(key, source, "evicted_" + reason, l -> l.evicted().getOrDefault(reason, 0L));
    }
    ledgerCounter(key, source, "lost_before_commit", TopicLedger::lostBeforeCommit);
  }

  private void ledgerCounter(
      TopicKey key,
      Function<TopicKey, TopicLedger> source,
      String state,
      ToLongFunction<TopicLedger> value) {
    FunctionCounter.builder(
            "gateway.ledger.messages",
            source,
            s -> {
              TopicLedger line = s.apply(key);
              return line == null ? 0 : value.applyAsLong(line);
            })
        .description(
            "Completeness ledger: samples of a (stream, topic) by where they went, over the"
                + " robot's life")
        .tag("stream", key.stream())
        .tag("topic", key.topic())
        .tag("state", state)
        .register(registry);
  }
}
