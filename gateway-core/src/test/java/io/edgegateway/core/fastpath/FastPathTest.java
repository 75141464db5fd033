package io.edgegateway.core.fastpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.management.ThreadMXBean;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.config.MirrorSettings;
import io.edgegateway.core.config.RelaySettings;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.routing.TopicMatcher;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

class FastPathTest {
  private static final RosTypeName TYPE = RosTypeName.parse("std_msgs/msg/Float64MultiArray");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);

  private static TopicRule rule(String topic, RelaySettings relay) {
    return TopicRule.control(TopicMatcher.parse(topic), relay).withType(TYPE);
  }

  private static byte[] sample(int marker) {
    byte[] bytes = new byte[64];
    bytes[1] = 1; // CDR little endian
    bytes[4] = (byte) marker;
    return bytes;
  }

  @Test
  void relaysToAnotherTopicByteForByteWithTheRuleQos() {
    LoopbackBus bus = new LoopbackBus();
    List<byte[]> received = new CopyOnWriteArrayList<>();
    bus.subscribe(
        new SubscriptionSpec("/cmd_out", TYPE, Qos.controlDefault(), 1024),
        (stamp, payload) -> received.add(payload));
    try (FastPath fastPath = new FastPath(Clock.system(), metrics, 64)) {
      ControlRelay relay =
          fastPath.relay(rule("/cmd", RelaySettings.toTopic("/cmd_out")), bus, bus, null);
      BusPublisher source =
          bus.publisher(new SubscriptionSpec("/cmd", TYPE, Qos.controlDefault(), 1024));
      for (int i = 0; i < 10; i++) {
        source.publish(sample(i), 60);
      }
      assertThat(received).hasSize(10);
      assertThat(received.get(3))
          .hasSize(60)
          .containsExactly(java.util.Arrays.copyOf(sample(3), 60));
      assertThat(relay.relayed()).isEqualTo(10);
      assertThat(bus.publishedSpec("/cmd_out").qos()).isEqualTo(Qos.controlDefault());
      assertThat(fastPath.latency().total().getTotalCount()).isEqualTo(10);
      assertThat(
              registry
                  .get("gateway.fastpath.relayed")
                  .tag("outcome", "ok")
                  .functionCounter()
                  .count())
          .isEqualTo(10);
    }
  }

  @Test
  void relayPublisherKeepsLastInsteadOfBlockingWhenTheRuleKeepsAll() {
    Qos keepAll =
        new Qos(Qos.Reliability.RELIABLE, Qos.Durability.TRANSIENT_LOCAL, Qos.History.KEEP_ALL, 10);
    assertThat(FastPath.relayWriterQos(keepAll))
        .isEqualTo(
            new Qos(
                Qos.Reliability.RELIABLE,
                Qos.Durability.TRANSIENT_LOCAL,
                Qos.History.KEEP_LAST,
                FastPath.KEEP_ALL_WRITER_DEPTH));
    Qos deeper =
        new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 9000);
    assertThat(FastPath.relayWriterQos(deeper).depth()).isEqualTo(9000);
    Qos keepLast =
        new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 3);
    assertThat(FastPath.relayWriterQos(keepLast)).isSameAs(keepLast);
  }

  @Test
  void relaysToAnotherDomainOnTheSameTopic() {
    LoopbackBus domainA = new LoopbackBus();
    LoopbackBus domainB = new LoopbackBus();
    List<byte[]> received = new CopyOnWriteArrayList<>();
    domainB.subscribe(
        new SubscriptionSpec("/cmd", TYPE, Qos.controlDefault(), 1024),
        (stamp, payload) -> received.add(payload));
    try (FastPath fastPath = new FastPath(Clock.system(), metrics, 64)) {
      fastPath.relay(rule("/cmd", RelaySettings.toDomain(7)), domainA, domainB, null);
      domainA
          .publisher(new SubscriptionSpec("/cmd", TYPE, Qos.controlDefault(), 1024))
          .publish(sample(1), 64);
      assertThat(received).hasSize(1);
    }
  }

  @Test
  void relayPathAllocatesNothingPerSampleInSteadyState() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    BusPublisher sink =
        new BusPublisher() {
          long sum;

          @Override
          public boolean publish(byte[] payload, int length) {
            sum += payload[length - 1];
            return true;
          }

          @Override
          public void close() {}
        };
    FastPathLatency latency = new FastPathLatency(TimeUnit.SECONDS.toNanos(30), System.nanoTime());
    MirrorTap mirror =
        new MirrorTap(
            Sampler.maxRate(0.001), // keeps the first sample only
            (s, p) -> {},
            new SpscArrayQueue<>(4),
            metrics.fastPathMirrorDropped("/cmd"));
    ControlRelay relay = new ControlRelay("/cmd", sink, mirror, latency, Clock.system());
    byte[] buffer = sample(5);
    for (int i = 0; i < 200_000; i++) { // warm up: JIT, first mirror copy
      relay.onSample(i, buffer, 64);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      relay.onSample(i, buffer, 64);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // 100,000 samples; a single allocation per sample would be >= 1.6 MB.
    assertThat(allocated).isLessThan(16 * 1024);
    assertThat(relay.relayed()).isEqualTo(300_000);
  }

  @Test
  void mirrorCopiesAreSampledAndReachTelemetryOnTheDrainThread() {
    LoopbackBus bus = new LoopbackBus();
    List<String> mirrorThreads = new CopyOnWriteArrayList<>();
    SampleHandler telemetry =
        (stamp, payload) -> mirrorThreads.add(Thread.currentThread().getName());
    long[] now = {0};
    Clock clock =
        new Clock() {
          @Override
          public long wallNanos() {
            return now[0];
          }

          @Override
          public long monotonicNanos() {
            return now[0];
          }
        };
    try (FastPath fastPath = new FastPath(clock, metrics, 64)) {
      fastPath.relay(
          rule("/cmd", RelaySettings.toTopic("/cmd_out")).withMirror(new MirrorSettings(10)),
          bus,
          bus,
          telemetry);
      fastPath.start();
      BusPublisher source =
          bus.publisher(new SubscriptionSpec("/cmd", TYPE, Qos.controlDefault(), 1024));
      for (int i = 0; i < 1000; i++) { // 1 s at 1 kHz, mirror at 10 Hz
        now[0] = i * 1_000_000L;
        source.publish(sample(i), 64);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> mirrorThreads.size() == 10);
      assertThat(mirrorThreads).containsOnly("eg-fastpath-mirror");
    }
  }

  @Test
  void fullMirrorDropsAndCountsCopiesWithoutBlockingTheRelay() {
    LoopbackBus bus = new LoopbackBus();
    try (FastPath fastPath = new FastPath(Clock.system(), metrics, 4)) {
      // never started: nothing drains the mirror
      ControlRelay relay =
          fastPath.relay(
              rule("/cmd", RelaySettings.toTopic("/cmd_out"))
                  .withMirror(new MirrorSettings(1_000_000_000)),
              bus,
              bus,
              (s, p) -> {});
      BusPublisher source =
          bus.publisher(new SubscriptionSpec("/cmd", TYPE, Qos.controlDefault(), 1024));
      for (int i = 0; i < 100; i++) {
        source.publish(sample(i), 64);
      }
      assertThat(relay.relayed()).isEqualTo(100);
      assertThat(fastPath.mirrorBacklog()).isEqualTo(4);
      double dropped =
          registry.get("gateway.fastpath.mirror.dropped").tag("topic", "/cmd").counter().count();
      assertThat(dropped).isEqualTo(96); // every copy past capacity
    }
  }

  @Test
  void latencyGaugesReportQuantilesOfTheWindow() {
    long[] now = {0};
    FastPathLatency latency = new FastPathLatency(TimeUnit.SECONDS.toNanos(1), 0);
    for (int i = 1; i <= 1000; i++) {
      latency.record(i * 1000L); // 1 µs .. 1 ms
    }
    assertThat(latency.windowQuantileSeconds(0.5, now[0])).isBetween(0.000499, 0.000502);
    assertThat(latency.windowQuantileSeconds(1.0, now[0])).isBetween(0.000999, 0.001001);
    // two window halves later the old values are gone, the total keeps them
    assertThat(latency.windowQuantileSeconds(0.5, 1_500_000_000L)).isPositive();
    assertThat(latency.windowQuantileSeconds(0.5, 3_000_000_000L)).isZero();
    assertThat(latency.total().getTotalCount()).isEqualTo(1000);
  }

  @Test
  void gaugesOfOneScrapeShareOneRecorderReadAndLaterScrapesSeeNewLatencies() {
    FastPathLatency latency = new FastPathLatency(TimeUnit.SECONDS.toNanos(30), 0);
    latency.record(1_000);
    assertThat(latency.windowQuantileSeconds(1.0, 0)).isEqualTo(0.000001, within(1e-8));

    latency.record(5_000_000); // 5 ms, recorded between two gauges of the same scrape
    assertThat(latency.windowQuantileSeconds(1.0, 1_000)).isEqualTo(0.000001, within(1e-8));

    long nextScrape = FastPathLatency.PULL_INTERVAL_NANOS + 1_000;
    assertThat(latency.windowQuantileSeconds(1.0, nextScrape)).isEqualTo(0.005, within(1e-5));
    assertThat(latency.windowQuantileSeconds(0.5, nextScrape)).isEqualTo(0.000001, within(1e-8));
    assertThat(latency.total().getTotalCount()).isEqualTo(2);
  }
}
