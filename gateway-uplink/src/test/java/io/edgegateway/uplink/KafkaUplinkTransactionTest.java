package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transactional contract of {@link KafkaUplink} against a real broker. */
@ExtendWith(SharedKafkaExtension.class)
class KafkaUplinkTransactionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final TestBatches batches = new TestBatches();

  @Test
  void batchesAndCheckpointBecomeVisibleToReadCommittedOnlyAtCommit(EmbeddedKafka kafka)
      throws Exception {
    kafka.createTopic("txn-visible", 1, false);
    kafka.createTopic("txn-visible-checkpoints", 1, true);
    CountDownLatch atCommit = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KafkaUplink uplink =
        holdingCommit(kafka, "txn-visible", "txn-visible-checkpoints", atCommit, release);
    try {
      CompletableFuture<Void> delivery =
          CompletableFuture.runAsync(
              () -> {
                try {
                  uplink.deliver(
                      List.of(batches.batch("telemetry", 1), batches.batch("telemetry", 2)),
                      TIMEOUT);
                } catch (UplinkException e) {
                  throw new CompletionException(e);
                }
              });
      assertThat(atCommit.await(20, TimeUnit.SECONDS)).isTrue();

      assertThat(readValues(kafka, "txn-visible", "read_uncommitted", 2)).hasSize(2);
      assertThat(readValues(kafka, "txn-visible-checkpoints", "read_uncommitted", 1))
          .containsExactly("robot-7/telemetry=2");
      assertThat(readValues(kafka, "txn-visible", "read_committed", 0)).isEmpty();
      assertThat(uplink.committedCheckpoints(TIMEOUT)).isEmpty();

      release.countDown();
      delivery.get(20, TimeUnit.SECONDS);

      assertThat(Readers.readAll(kafka, "txn-visible", 2))
          .extracting(r -> r.batch().getBatchSeq())
          .containsExactly(1L, 2L);
      assertThat(readValues(kafka, "txn-visible-checkpoints", "read_committed", 1))
          .containsExactly("robot-7/telemetry=2");
      assertThat(uplink.committedCheckpoints(TIMEOUT)).containsExactly(Map.entry("telemetry", 2L));
    } finally {
      release.countDown();
      uplink.close();
    }
  }

  @Test
  void secondInstanceWithTheSameRobotIdFencesTheFirst(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("txn-fence", 1, false);
    kafka.createTopic("txn-fence-checkpoints", 1, true);
    StoredBatch one = batches.batch("telemetry", 1);
    StoredBatch two = batches.batch("telemetry", 2);
    StoredBatch three = batches.batch("telemetry", 3);
    try (KafkaUplink first = create(kafka, "txn-fence", "txn-fence-checkpoints")) {
      first.deliver(List.of(one), TIMEOUT);
      try (KafkaUplink second = create(kafka, "txn-fence", "txn-fence-checkpoints")) {
        await().atMost(TIMEOUT).until(() -> second.state() == UplinkState.CONNECTED);

        UplinkException fenced =
            catchThrowableOfType(
                UplinkException.class, () -> first.deliver(List.of(two, three), TIMEOUT));
        assertThat(fenced).isInstanceOf(UplinkFencedException.class);
        assertThat(fenced.retriable()).isFalse();
        assertThat(fenced).hasMessageContaining("another gateway instance with robot_id robot-7");
        assertThat(first.state()).isEqualTo(UplinkState.FENCED);
        assertThat(
                catchThrowableOfType(
                    UplinkFencedException.class, () -> first.deliver(List.of(two), TIMEOUT)))
            .isSameAs(fenced);

        second.deliver(List.of(one, two, three), TIMEOUT);
        // A read_committed read right after this instance's own commit may still see the older
        // stable offset for a moment (the commit markers are written after commitTransaction
        // returned); at start-up, initTransactions completes them before reconciliation reads.
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () ->
                    assertThat(second.committedCheckpoints(TIMEOUT))
                        .containsExactly(Map.entry("telemetry", 3L)));
      }
    }
    assertThat(Readers.readAll(kafka, "txn-fence", 3))
        .extracting(r -> r.batch().getBatchSeq())
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void committedCheckpointsKeepTheLastValuePerStreamOfThisRobotOnly(EmbeddedKafka kafka)
      throws Exception {
    kafka.createTopic("txn-cp-telemetry", 1, false);
    kafka.createTopic("txn-cp-events", 1, false);
    kafka.createTopic("txn-cp-checkpoints", 2, true);
    Map<String, String> topics = Map.of("telemetry", "txn-cp-telemetry", "events", "txn-cp-events");
    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT, kafka.bootstrapServers(), Map.of(), topics, "txn-cp-checkpoints")) {
      assertThat(uplink.committedCheckpoints(TIMEOUT)).isEmpty();
      uplink.deliver(List.of(batches.batch("telemetry", 1), batches.batch("events", 1)), TIMEOUT);
      uplink.deliver(
          List.of(batches.batch("telemetry", 2), batches.batch("telemetry", 3)), TIMEOUT);
      try (KafkaUplink other =
          KafkaUplink.create(
              "robot-8", kafka.bootstrapServers(), Map.of(), topics, "txn-cp-checkpoints")) {
        other.deliver(List.of(batches.batch("telemetry", 9)), TIMEOUT);
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () ->
                    assertThat(other.committedCheckpoints(TIMEOUT))
                        .containsExactly(Map.entry("telemetry", 9L)));
      }

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(uplink.committedCheckpoints(TIMEOUT))
                      .containsExactlyInAnyOrderEntriesOf(Map.of("telemetry", 3L, "events", 1L)));
    }
  }

  @Test
  void restartedUplinkSkipsBatchesAlreadyCommitted(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("txn-restart", 1, false);
    kafka.createTopic("txn-restart-checkpoints", 1, true);
    try (KafkaUplink before = create(kafka, "txn-restart", "txn-restart-checkpoints")) {
      before.deliver(
          List.of(batches.batch("telemetry", 1), batches.batch("telemetry", 2)), TIMEOUT);
    }
    try (KafkaUplink after = create(kafka, "txn-restart", "txn-restart-checkpoints")) {
      after.deliver(
          List.of(
              batches.batch("telemetry", 1),
              batches.batch("telemetry", 2),
              batches.batch("telemetry", 3)),
          TIMEOUT);
    }
    assertThat(Readers.readAll(kafka, "txn-restart", 3))
        .extracting(r -> r.batch().getBatchSeq())
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void restartedUplinkReusesTheStartUpCheckpointReadAndStillSkipsWhatWasCommitted(
      EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("txn-reuse", 1, false);
    kafka.createTopic("txn-reuse-checkpoints", 1, true);
    try (KafkaUplink before = create(kafka, "txn-reuse", "txn-reuse-checkpoints")) {
      before.deliver(
          List.of(batches.batch("telemetry", 1), batches.batch("telemetry", 2)), TIMEOUT);
    }
    try (KafkaUplink after = create(kafka, "txn-reuse", "txn-reuse-checkpoints")) {
      // As the sender does at start: once the session is initialised, read the checkpoints; the
      // first delivery then filters with that read instead of reading the topic again.
      await().atMost(TIMEOUT).until(() -> after.state() == UplinkState.CONNECTED);
      assertThat(after.committedCheckpoints(TIMEOUT)).containsEntry("telemetry", 2L);
      after.deliver(
          List.of(
              batches.batch("telemetry", 1),
              batches.batch("telemetry", 2),
              batches.batch("telemetry", 3)),
          TIMEOUT);
      after.deliver(List.of(batches.batch("telemetry", 4)), TIMEOUT);
    }
    assertThat(Readers.readAll(kafka, "txn-reuse", 4))
        .extracting(r -> r.batch().getBatchSeq())
        .containsExactly(1L, 2L, 3L, 4L);
  }

  private static KafkaUplink create(EmbeddedKafka kafka, String topic, String checkpoints) {
    return KafkaUplink.create(
        TestBatches.ROBOT,
        kafka.bootstrapServers(),
        Map.of(),
        Map.of("telemetry", topic),
        checkpoints);
  }

  /** An uplink whose producer signals {@code atCommit} and waits for {@code release} to commit. */
  @SuppressWarnings("unchecked")
  private static KafkaUplink holdingCommit(
      EmbeddedKafka kafka,
      String topic,
      String checkpoints,
      CountDownLatch atCommit,
      CountDownLatch release) {
    Map<String, Object> producerConfig =
        ProducerSettings.producerConfig(TestBatches.ROBOT, kafka.bootstrapServers(), Map.of());
    Map<String, Object> consumerConfig =
        ProducerSettings.checkpointConsumerConfig(
            TestBatches.ROBOT, kafka.bootstrapServers(), Map.of());
    KafkaUplink uplink =
        new KafkaUplink(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of("telemetry", topic),
            checkpoints,
            null,
            DictionaryLookup.NONE,
            () -> {
              Producer<byte[], byte[]> real =
                  new KafkaProducer<>(
                      producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
              return (Producer<byte[], byte[]>)
                  Proxy.newProxyInstance(
                      Producer.class.getClassLoader(),
                      new Class<?>[] {Producer.class},
                      (proxy, method, args) -> {
                        if (method.getName().equals("commitTransaction")) {
                          real.flush();
                          atCommit.countDown();
                          release.await(20, TimeUnit.SECONDS);
                        }
                        try {
                          return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                          throw e.getCause();
                        }
                      });
            },
            () ->
                new KafkaConsumer<>(
                    consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
            ProducerSettings.watchAdmins(TestBatches.ROBOT, kafka.bootstrapServers(), Map.of()),
            null,
            SaslCredentials.NONE);
    uplink.startSession();
    return uplink;
  }

  /** Reads {@code topic} from the start with {@code isolation}; values as "key=value" strings. */
  private static List<String> readValues(
      EmbeddedKafka kafka, String topic, String isolation, int expected) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> out = new ArrayList<>();
    try (Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(expected == 0 ? 2 : 20);
      while (System.nanoTime() < deadline && (expected == 0 || out.size() < expected)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          String value =
              key.contains("/") ? new String(r.value(), StandardCharsets.UTF_8) : "<batch>";
          out.add(key.contains("/") ? key + "=" + value : value);
        }
      }
    }
    return out;
  }
}
