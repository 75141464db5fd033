package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.ledger;
import static io.edgegateway.daemon.ReloadFixture.rule;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bandwidth budget end to end, with a real Kafka broker and a real DDS publisher producing
 * faster than the budget: what reaches Kafka over a long window stays within {@code burst +
 * max_bytes_per_s x window} (measured from the records' own timestamps and sizes, not the gateway's
 * counters), the rest waits and is reported, and once a reload lifts the budget every accepted
 * sample is in Kafka exactly once.
 */
@ExtendWith(SharedKafkaExtension.class)
class BudgetEndToEndTest {
  private static final String CHATTER = GatewayFixture.STRING_TOPIC;
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final long RATE = 1024;
  private static final long BURST = 4096;
  private static final long MAX_BATCH = 4096;

  @TempDir Path dir;

  @Test
  void underTheBudget_kafkaGetsAtMostTheBudget_theRestWaitsCounted_andAReloadDeliversItAllOnce(
      EmbeddedKafka kafka) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.budget.rate";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    String bootstrap = kafka.bootstrapServers();
    String budget =
        "  budget: {max_bytes_per_s: " + RATE + "B, burst: " + BURST + "B, backlog_after: 5s}\n";
    Files.writeString(file, yaml(domain, bootstrap, kafkaTopic, budget));
    assertThat(Files.readString(file))
        .contains("  checkpoint_topic: " + kafkaTopic + ".checkpoints\n  budget:");

    try (Gateway gateway =
            Gateway.start(ConfigSnapshot.read(file), Clock.system(), Duration.ofSeconds(10));
        ReloadPublisher publisher = new ReloadPublisher(domain, CHATTER)) {
      publisher.startStreaming(); // ~1000 samples/s, several times the budget after compression
      // the budget has been the limit for a long window: burst plus 20 s of rate went out
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> budgetOf(gateway).get("sent_bytes").asLong() >= BURST + 20 * RATE);

      JsonNode b = budgetOf(gateway);
      assertThat(b.get("limited").asBoolean()).isTrue();
      assertThat(b.get("max_bytes_per_s").asLong()).isEqualTo(RATE);
      assertThat(b.get("burst_bytes").asLong()).isEqualTo(BURST);
      assertThat(b.get("daily").get("used_bytes").asLong())
          .isGreaterThanOrEqualTo(b.get("sent_bytes").asLong());
      JsonNode waiting = b.get("waiting");
      long waitingBytes =
          waiting.get("live").get("bytes").asLong() + waiting.get("backlog").get("bytes").asLong();
      assertThat(waitingBytes).as("%s", b).isGreaterThan(10 * RATE);
      assertThat(waiting.get("backlog").get("oldest_age_seconds").asDouble())
          .as("%s", b)
          .isGreaterThan(5.0);
      String scrape = Http.get(gateway.httpPort(), "/metrics").body();
      assertThat(scrape)
          .contains("gateway_uplink_budget_waiting_bytes{class=\"backlog\"}")
          .contains("gateway_uplink_budget_oldest_waiting_seconds{class=\"incidents\"} 0")
          .contains("gateway_uplink_budget_daily_used_bytes ")
          .contains("gateway_uplink_budget_bytes_total ");

      // what Kafka received, by the records' own timestamps: any window after the first
      // record holds at most burst + rate x window (+ one batch of slack for the seal boundary)
      List<long[]> received = timestampsAndSizes(bootstrap, kafkaTopic);
      assertThat(received).isNotEmpty();
      long first = received.get(0)[0];
      long last = received.get(received.size() - 1)[0];
      assertThat(last - first).isGreaterThanOrEqualTo(15_000);
      long total = received.stream().mapToLong(r -> r[1]).sum();
      double seconds = (last - first) / 1000.0;
      assertThat((double) total).isLessThanOrEqualTo(BURST + RATE * seconds + MAX_BATCH);
      long afterBurst =
          received.stream().filter(r -> r[0] >= first + 10_000).mapToLong(r -> r[1]).sum();
      double tail = (last - first - 10_000) / 1000.0;
      assertThat((double) afterBurst).isLessThanOrEqualTo(BURST + RATE * tail + MAX_BATCH);
      assertThat((double) afterBurst)
          .as("it keeps sending at the budget")
          .isGreaterThan(0.5 * RATE * tail);

      // lift the budget by a reload: the backlog goes, nothing lost or duplicated
      publisher.stop();
      Files.writeString(file, yaml(domain, bootstrap, kafkaTopic, ""));
      JsonNode reply = ReloadFixture.reload(gateway);
      assertThat(reply.get("ok").asBoolean()).as("%s", reply).isTrue();
      await()
          .atMost(LONG)
          .untilAsserted(
              () -> {
                JsonNode line = ledger(status(gateway.httpPort()), CHATTER);
                assertThat(line.get("uploaded").asLong()).isEqualTo(line.get("accepted").asLong());
              });
      JsonNode line = ledger(status(gateway.httpPort()), CHATTER);
      long accepted = line.get("accepted").asLong();
      assertThat(line.get("lost_before_commit").asLong()).isZero();
      assertThat(line.get("intake_dropped").asLong()).isZero();
      assertThat(budgetOf(gateway).get("limited").asBoolean()).isFalse();
      List<Record> records =
          GatewayFixture.recordsOf(
              GatewayFixture.readUntil(bootstrap, kafkaTopic, (int) accepted, LONG), CHATTER);
      assertThat(records.stream().map(Record::getSeq).toList())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, accepted).boxed().toList());
    }
  }

  private static JsonNode budgetOf(Gateway gateway) throws Exception {
    return status(gateway.httpPort()).get("uplink").get("budget");
  }

  /** The test config; {@code budget} (lines indented 2) goes into the uplink section. */
  private String yaml(int domain, String bootstrap, String kafkaTopic, String budget) {
    String yaml =
        ReloadFixture.yaml(
            "hx-budget",
            dir.resolve("data"),
            domain,
            bootstrap,
            kafkaTopic,
            rule(CHATTER, RosSamples.STRING_TYPE, ""),
            "",
            "127.0.0.1:0");
    return yaml.replace("max_bytes: 16KiB", "max_bytes: " + MAX_BATCH + "B")
        .replace("http:\n", budget + "http:\n");
  }

  /** {timestamp ms, value bytes} of every committed record of {@code topic}, in offset order. */
  private static List<long[]> timestampsAndSizes(String bootstrap, String topic) {
    List<long[]> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition p = new TopicPartition(topic, 0);
      consumer.assign(List.of(p));
      consumer.seekToBeginning(List.of(p));
      long end = consumer.endOffsets(List.of(p)).get(p);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(p) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          out.add(new long[] {r.timestamp(), r.value().length});
        }
      }
    }
    return out;
  }
}
