package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.SourceUnavailableException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaExtension.class)
class KafkaBatchSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static void produce(
      EmbeddedKafka kafka, String topic, String robot, long seq, @Nullable String incident)
      throws Exception {
    TelemetryBatch b =
        TelemetryBatch.newBuilder().setRobotId(robot).setStream("s").setBatchSeq(seq).build();
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(
            topic, robot.getBytes(StandardCharsets.UTF_8), Zstd.compress(b.toByteArray(), 3));
    if (incident != null) {
      r.headers().add(WireHeaders.INCIDENT_ID, incident.getBytes(StandardCharsets.UTF_8));
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(r).get(20, TimeUnit.SECONDS);
    }
  }

  private static List<Long> drain(KafkaBatchSource source) throws SourceUnavailableException {
    List<Long> seqs = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!source.exhausted() && System.nanoTime() < deadline) {
      source.poll(Duration.ofMillis(200)).forEach(b -> seqs.add(b.getBatchSeq()));
    }
    assertThat(source.exhausted()).as("exhausted within %s", TIMEOUT).isTrue();
    return seqs;
  }

  private static KafkaBatchSource open(
      EmbeddedKafka kafka, String topic, KafkaBatchSource.Selection selection)
      throws SourceUnavailableException {
    return KafkaBatchSource.open(
        kafka.bootstrapServers(), topic, Map.of(), null, selection, TIMEOUT);
  }

  @Test
  void readsUpToTheEndItHadWhenOpened_notWhatArrivesLater(EmbeddedKafka kafka) throws Exception {
    String topic = "batch-source-end";
    kafka.createTopic(topic, 2, false);
    produce(kafka, topic, "a", 1, null);
    produce(kafka, topic, "b", 1, null);
    try (KafkaBatchSource source =
        open(kafka, topic, new KafkaBatchSource.Selection(null, null, 0))) {
      produce(kafka, topic, "a", 2, null);
      assertThat(drain(source)).containsExactlyInAnyOrder(1L, 1L);
      assertThat(source.fractionRead()).isEqualTo(1.0);
      assertThat(source.poll(Duration.ofMillis(200))).isEmpty();
    }
  }

  @Test
  void robotAndIncident_selectByKeyAndHeader(EmbeddedKafka kafka) throws Exception {
    String topic = "batch-source-select";
    kafka.createTopic(topic, 1, false);
    produce(kafka, topic, "a", 1, null);
    produce(kafka, topic, "a", 2, "inc-9");
    produce(kafka, topic, "b", 3, "inc-9");
    try (KafkaBatchSource source =
        open(kafka, topic, new KafkaBatchSource.Selection("a", null, 0))) {
      assertThat(drain(source)).containsExactly(1L, 2L);
    }
    try (KafkaBatchSource source =
        open(kafka, topic, new KafkaBatchSource.Selection(null, "inc-9", 0))) {
      assertThat(drain(source)).containsExactly(2L, 3L);
      assertThat(source.batchesMatched()).isEqualTo(2);
    }
  }

  @Test
  void fromAfterEveryRecord_startsAtTheEnd(EmbeddedKafka kafka) throws Exception {
    String topic = "batch-source-from";
    kafka.createTopic(topic, 1, false);
    produce(kafka, topic, "a", 1, null);
    long inAnHour = (System.currentTimeMillis() + 3_600_000L) * 1_000_000L;
    try (KafkaBatchSource source =
        open(kafka, topic, new KafkaBatchSource.Selection(null, null, inAnHour))) {
      assertThat(source.exhausted()).isTrue();
      assertThat(source.poll(Duration.ofMillis(100))).isEmpty();
    }
    long anHourAgo = (System.currentTimeMillis() - 3_600_000L) * 1_000_000L;
    try (KafkaBatchSource source =
        open(kafka, topic, new KafkaBatchSource.Selection(null, null, anHourAgo))) {
      assertThat(drain(source)).containsExactly(1L);
    }
  }

  @Test
  void missingTopic_isUnavailable_andIsNotCreated(EmbeddedKafka kafka) {
    assertThatThrownBy(
            () ->
                open(
                    kafka,
                    "batch-source-no-such-topic",
                    new KafkaBatchSource.Selection(null, null, 0)))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("topic batch-source-no-such-topic does not exist");
  }
}
