package io.edgegateway.daemon;

import static io.edgegateway.daemon.GatewayFixture.IMU_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.audit.AuditRecord;
import io.edgegateway.core.codec.proto.ClockHealth;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.daemon.host.ClockSync;
import io.edgegateway.daemon.host.KernelClock;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock health end to end: a real DDS peer publishes Imu samples whose header stamps are 2.5 s
 * behind this computer's clock into a gateway with a real Kafka broker; the skew histogram shows
 * +2.5 s, {@code /v1/status} shows the kernel's clock state, and every batch read back from Kafka
 * carries that same state instead of a constant.
 */
@ExtendWith(SharedKafkaExtension.class)
class ClockHealthEndToEndTest {
  private static final long BEHIND_NANOS = 2_500_000_000L;
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Qos RELIABLE =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 10);

  @TempDir Path dir;

  /** Imu sample {@code i} whose header stamp is {@code stampNs}. */
  private static byte[] imuStamped(int i, long stampNs) {
    byte[] cdr = RosSamples.imuCdr(i);
    ByteBuffer.wrap(cdr, 4, 8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) (stampNs / 1_000_000_000L))
        .putInt((int) (stampNs % 1_000_000_000L));
    return cdr;
  }

  /** The value of the sample {@code series} (name and labels as scraped), or -1 if absent. */
  private static double sample(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return -1;
  }

  @Test
  void headerSkewStatusAndEveryBatch_carryTheRealClockHealth(EmbeddedKafka kafka) throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.clock.telemetry";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    GatewayConfig cfg =
        GatewayFixture.config(
            "hx-clock", dir.resolve("data"), domain, kafka.bootstrapServers(), kafkaTopic);
    String count = "gateway_clock_skew_seconds_count{topic=\"" + IMU_TOPIC + "\"}";
    String sum = "gateway_clock_skew_seconds_sum{topic=\"" + IMU_TOPIC + "\"}";

    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(10));
        FastDdsBus peer = FastDdsBus.join(domain, "clock_peer");
        BusPublisher publisher =
            peer.publisher(
                new SubscriptionSpec(
                    IMU_TOPIC, RosTypeName.parse(RosSamples.IMU_TYPE), RELIABLE, 64 * 1024))) {
      int port = gateway.httpPort();
      int[] sent = {0};
      // publish until 20 samples were recorded: the first ones may go before the match
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                long now = System.currentTimeMillis() * 1_000_000L;
                byte[] cdr = imuStamped(++sent[0], now - BEHIND_NANOS);
                publisher.publish(cdr, cdr.length);
                return sample(Http.get(port, "/metrics").body(), count) >= 20;
              });
      String scrape = Http.get(port, "/metrics").body();
      double n = sample(scrape, count);
      assertThat(sample(scrape, sum) / n)
          .as("mean receive time minus header stamp, s")
          .isCloseTo(2.5, within(0.25));
      double upTo2 =
          sample(
              scrape, "gateway_clock_skew_seconds_bucket{topic=\"" + IMU_TOPIC + "\",le=\"2.0\"}");
      assertThat(upTo2).as("samples with skew <= 2 s").isZero();
      assertThat(sample(scrape, "gateway_clock_synchronized")).isIn(0.0, 1.0);

      JsonNode clock = ReloadFixture.status(port).get("clock");
      ClockSync kernel = KernelClock.open().orElseThrow().read();
      assertThat(clock.get("synchronized").asBoolean()).isEqualTo(kernel.synchronised());
      assertThat(clock.get("max_error_s").isNumber()).as("%s", clock).isTrue();
      assertThat(clock.get("est_error_s").isNumber()).isTrue();
      String source = clock.get("source").asText();
      assertThat(source).isNotEqualTo("system").isNotEmpty();

      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(
              kafka.bootstrapServers(), kafkaTopic, 20, Duration.ofSeconds(60));
      assertThat(GatewayFixture.totalRecords(batches)).isGreaterThanOrEqualTo(20);
      assertThat(batches)
          .allSatisfy(
              b -> {
                ClockHealth h = b.batch().getClockHealth();
                assertThat(h.getSource()).isEqualTo(source);
                assertThat(h.getSynchronized()).isEqualTo(kernel.synchronised());
                assertThat(h.getMaxErrorNs()).isPositive();
                assertThat(h.getJumps()).isZero();
              });
    }
  }

  /** The system clock, whose wall time a test can set back or forward while it runs. */
  private static final class SettableClock implements Clock {
    private final AtomicLong offsetNanos = new AtomicLong();

    void step(long nanos) {
      offsetNanos.addAndGet(nanos);
    }

    @Override
    public long wallNanos() {
      return Clock.system().wallNanos() + offsetNanos.get();
    }

    @Override
    public long monotonicNanos() {
      return Clock.system().monotonicNanos();
    }
  }

  @Test
  void aWallClockSetBackWhileRunning_isCountedAuditedAndFlaggedInTheNextBatch(EmbeddedKafka kafka)
      throws Exception {
    int domain = DdsDomains.forTest(getClass(), 1);
    String kafkaTopic = "e2e.clock.jump";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    Path data = dir.resolve("data");
    GatewayConfig cfg =
        GatewayFixture.config("hx-jump", data, domain, kafka.bootstrapServers(), kafkaTopic);
    SettableClock clock = new SettableClock();
    String backward = "gateway_clock_jumps_total{direction=\"backward\"}";
    String received =
        "gateway_bus_messages_received_total{topic=\"" + GatewayFixture.STRING_TOPIC + "\"}";

    try (Gateway gateway = Gateway.start(cfg, clock, Duration.ofSeconds(10));
        ReloadPublisher publisher = new ReloadPublisher(domain, GatewayFixture.STRING_TOPIC)) {
      int port = gateway.httpPort();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                publisher.publishOne();
                return sample(Http.get(port, "/metrics").body(), received) >= 1;
              });
      assertThat(GatewayFixture.readUntil(kafka.bootstrapServers(), kafkaTopic, 1, LONG))
          .as("a batch before the jump")
          .isNotEmpty();

      clock.step(-3_000_000_000L);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> sample(Http.get(port, "/metrics").body(), backward) == 1.0);
      assertThat(ReloadFixture.status(port).get("clock").get("jumps").asLong()).isEqualTo(1);
      publisher.publishOne();

      await()
          .atMost(LONG)
          .untilAsserted(
              () -> {
                List<ClockHealth> flagged =
                    GatewayFixture.readUntil(
                            kafka.bootstrapServers(), kafkaTopic, 1, Duration.ofSeconds(5))
                        .stream()
                        .map(b -> b.batch().getClockHealth())
                        .filter(h -> h.getJumps() > 0)
                        .toList();
                assertThat(flagged).hasSize(1);
                assertThat(flagged.get(0).getJumps()).isEqualTo(1);
                assertThat(flagged.get(0).getLastJumpNs())
                    .isCloseTo(-3_000_000_000L, org.assertj.core.data.Offset.offset(50_000_000L));
              });
    }
    List<AuditRecord> jumps =
        Files.readAllLines(data.resolve("audit.log")).stream()
            .map(AuditRecord::parse)
            .filter(r -> r.kind().equals("clock_jump"))
            .toList();
    assertThat(jumps).hasSize(1);
    assertThat(jumps.get(0).detail()).containsEntry("direction", "backward");
    assertThat(((Number) jumps.get(0).detail().get("size_ns")).longValue())
        .isBetween(2_950_000_000L, 3_050_000_000L);
  }
}
