package io.edgegateway.core.fastpath;

import io.edgegateway.core.config.MirrorSettings;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.fastpath.MirrorTap.MirrorCopy;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.sampling.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control fast path: one {@link ControlRelay} per control rule, the bounded mirror handoff to
 * telemetry and the relay latency record.
 *
 * <p>Threads: relays run on the listener threads of the source bus (the daemon gives the fast path
 * a DDS participant of its own, so telemetry never shares them). Mirror copies cross to telemetry
 * through one JCTools {@link MpscArrayQueue} (lock-free, bounded; full means the copy is dropped
 * and counted as {@code gateway_fastpath_mirror_dropped_total{topic}}), drained by the {@code
 * eg-fastpath-mirror} thread, which calls the telemetry handlers; whatever telemetry does (locks, a
 * full intake) happens on that thread only.
 */
public final class FastPath implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FastPath.class);
  private static final int DRAIN_BATCH = 256;

  /**
   * History of a relay publisher for a {@code keep_all} rule: 1 s of a 1 kHz topic, ten times the
   * writer's heartbeat period, so a retransmission a live reader asks for is still there. Smaller
   * than Fast-DDS's {@code keep_all} capacity (5,000) because Fast-DDS purges a departed reader's
   * unacknowledged samples under the writer's lock: about 6 ms for 1,000, 69 ms for 5,000.
   */
  public static final int KEEP_ALL_WRITER_DEPTH = 1000;

  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  // with no mirrored relay the drainer has nothing to wait for: 1 ms parks cost ~2 % of a core
  private static final long NO_MIRROR_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Clock clock;
  private final GatewayMetrics metrics;
  private final MpscArrayQueue<MirrorCopy> mirrorQueue;
  private final FastPathLatency latency;
  private final List<ControlRelay> relays = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> endpoints = new ArrayList<>();
  private final Thread drainer;
  private volatile boolean running;
  private volatile boolean mirrored; // set once a relay with a mirror is added

  /**
   * @param mirrorCapacity mirror copies that can wait for the telemetry path, {@code >= 2}
   */
  public FastPath(Clock clock, GatewayMetrics metrics, int mirrorCapacity) {
    if (mirrorCapacity < 2) {
      throw new IllegalArgumentException(
          "mirrorCapacity : " + mirrorCapacity + " (expected: >= 2)");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.mirrorQueue = new MpscArrayQueue<>(mirrorCapacity);
    this.latency = new FastPathLatency(TimeUnit.SECONDS.toNanos(30), clock.monotonicNanos());
    metrics.bindFastPathLatency(q -> latency.windowQuantileSeconds(q, clock.monotonicNanos()));
    this.drainer = new Thread(this::drainLoop, "eg-fastpath-mirror");
    this.drainer.setDaemon(true);
  }

  /**
   * Relays the control rule's exact topic from {@code source} to {@code target}: to the same topic
   * when {@code relay.to_domain} is set (target is a bus on that domain), to {@code relay.to_topic}
   * otherwise (target is normally {@code source}). The subscription uses the rule's QoS, the
   * publisher {@link #relayWriterQos the rule's QoS with a history that never blocks}.
   *
   * @param mirrorSink telemetry handler of the rule's topic; required when the rule has a mirror
   * @return the relay, for its counters
   */
  public synchronized ControlRelay relay(
      TopicRule rule, Bus source, Bus target, @Nullable SampleHandler mirrorSink) {
    Objects.requireNonNull(rule, "rule");
    if (rule.relay().isEmpty() || !rule.match().isExact() || rule.type().isEmpty()) {
      throw new IllegalArgumentException(
          "rule : " + rule.match() + " (expected: control rule with exact match and a type)");
    }
    String topic = rule.match().toString();
    String targetTopic = rule.relay().get().toTopic().orElse(topic);
    MirrorTap tap = null;
    if (rule.mirror().isPresent()) {
      mirrored = true;
      LockSupport.unpark(drainer);
      MirrorSettings mirror = rule.mirror().get();
      tap =
          new MirrorTap(
              Sampler.maxRate(mirror.maxRateHz()),
              Objects.requireNonNull(mirrorSink, "mirrorSink"),
              mirrorQueue,
              metrics.fastPathMirrorDropped(topic));
    }
    BusPublisher publisher =
        target.publisher(
            new SubscriptionSpec(
                targetTopic, rule.type().get(), relayWriterQos(rule.qos()), rule.maxSampleBytes()));
    endpoints.add(publisher);
    ControlRelay relay = new ControlRelay(topic, publisher, tap, latency, clock);
    BusSubscription subscription =
        source.subscribeRaw(
            new SubscriptionSpec(topic, rule.type().get(), rule.qos(), rule.maxSampleBytes()),
            relay);
    endpoints.add(0, subscription); // subscriptions close before publishers
    relays.add(relay);
    metrics.bindFastPathRelay(topic, relay::relayed, relay::failed);
    log.info("Fast path: relaying {} to {}", topic, rule.relay().get());
    return relay;
  }

  /**
   * The QoS of a relay's publisher: the rule's, except that {@code keep_all} becomes {@code
   * keep_last} of {@link #KEEP_ALL_WRITER_DEPTH} samples.
   *
   * <p>Why: a reliable {@code keep_all} writer whose history is full blocks the writing thread (the
   * relay, which runs on the source's DDS listener thread) until every matched reader acknowledged
   * its oldest sample, for up to the reliability max blocking time (100 ms in Fast-DDS), and then
   * drops the new sample. A subscriber that died without unregistering stays matched until its
   * lease expires (10 s by default), so at 1 kHz it fills the 5,000-sample history within seconds
   * and stalls every control message for 100 ms (seen in {@code bench/fastpath.sh}). With {@code
   * keep_last} a full history drops the oldest sample for the reader that has not acknowledged it,
   * and the write never waits: live readers keep getting every sample, and only a reader more than
   * {@link #KEEP_ALL_WRITER_DEPTH} samples behind loses some.
   */
  public static Qos relayWriterQos(Qos rule) {
    Objects.requireNonNull(rule, "rule");
    if (rule.history() != Qos.History.KEEP_ALL) {
      return rule;
    }
    return new Qos(
        rule.reliability(),
        rule.durability(),
        Qos.History.KEEP_LAST,
        Math.max(rule.depth(), KEEP_ALL_WRITER_DEPTH));
  }

  /** Starts the mirror drain thread. */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("already started");
    }
    running = true;
    drainer.start();
  }

  /** The relay latency record (DDS receive to relay write complete). */
  public FastPathLatency latency() {
    return latency;
  }

  /** The relays, in the order they were added. */
  public List<ControlRelay> relays() {
    return List.copyOf(relays);
  }

  /** Mirror copies waiting for the telemetry path. */
  public int mirrorBacklog() {
    return mirrorQueue.size();
  }

  private void drainLoop() {
    while (running) {
      int n = mirrorQueue.drain(this::deliver, DRAIN_BATCH);
      if (n == 0) {
        LockSupport.parkNanos(mirrored ? IDLE_PARK_NANOS : NO_MIRROR_PARK_NANOS);
      }
    }
    mirrorQueue.drain(this::deliver); // what is left at close
  }

  private void deliver(MirrorCopy copy) {
    try {
      copy.sink().onSample(copy.sourceStampNs(), copy.payload());
    } catch (RuntimeException e) {
      log.warn("Mirror handler failed: {}", e.toString());
    }
  }

  /** Closes the relays' subscriptions and publishers, then stops the drain thread. Idempotent. */
  @Override
  public synchronized void close() {
    for (AutoCloseable endpoint : endpoints) {
      try {
        endpoint.close();
      } catch (Exception e) {
        log.warn("Closing fast-path endpoint failed: {}", e.toString());
      }
    }
    endpoints.clear();
    if (running) {
      running = false;
      try {
        drainer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
