package io.edgegateway.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaExtension.class)
class EmbeddedKafkaTest {

  @Test
  void sharedBrokerIsInjectedRunningAndCreatesTopics(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("embedded-kafka-test-plain", 3, false);
    kafka.createTopic("embedded-kafka-test-compacted", 1, true);

    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.brokerPort());
    try (Admin admin = admin(kafka)) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of("embedded-kafka-test-plain", "embedded-kafka-test-compacted"))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS);
      assertThat(topics.get("embedded-kafka-test-plain").partitions()).hasSize(3);
      String policy =
          admin
              .describeConfigs(
                  List.of(
                      new ConfigResource(
                          ConfigResource.Type.TOPIC, "embedded-kafka-test-compacted")))
              .all()
              .get(10, TimeUnit.SECONDS)
              .values()
              .iterator()
              .next()
              .get("cleanup.policy")
              .value();
      assertThat(policy).isEqualTo("compact");
    }
  }

  @Test
  void restartKeepsPortsAndData() {
    EmbeddedKafka kafka = EmbeddedKafka.create();
    try (kafka) {
      assertThat(kafka.isRunning()).isFalse();
      String bootstrap = kafka.bootstrapServers();
      kafka.start();
      kafka.createTopic("restart", 1, false);
      produce(kafka, "restart", "before");

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();
      produce(kafka, "restart", "after");
      kafka.restart();

      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(consumeAll(kafka, "restart", 2)).containsExactly("before", "after");
    }
    assertThat(kafka.logDir()).doesNotExist();
    assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRejectsPortOutOfRange() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerPort(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brokerPort : 70000 (expected: 0..65535)");
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static void produce(EmbeddedKafka kafka, String topic, String value) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                20_000),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("send to " + topic + " failed", e);
    }
  }

  private static List<String> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
