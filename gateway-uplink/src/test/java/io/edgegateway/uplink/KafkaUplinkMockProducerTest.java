package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the uplink against Kafka's {@link MockProducer}, acknowledging sends by hand. */
class KafkaUplinkMockProducerTest {
  private final TestBatches batches = new TestBatches();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaUplink uplink =
      new KafkaUplink(TestBatches.ROBOT, "mock:9092", Map.of("telemetry", "t"), producer);

  @AfterEach
  void close() {
    uplink.close();
  }

  @Test
  void batchOfferedAgainWhileUnacknowledgedIsAwaitedNotResent() throws Exception {
    StoredBatch one = batches.batch("telemetry", 1);

    UplinkException timedOut =
        catchThrowableOfType(
            UplinkException.class, () -> uplink.deliver(List.of(one), Duration.ofMillis(50)));
    assertThat(timedOut.retriable()).isTrue();
    assertThat(timedOut).hasMessage("batch robot-7/telemetry/1 not acknowledged within PT0.05S");
    assertThat(uplink.state()).isEqualTo(UplinkState.DISCONNECTED);

    producer.completeNext();
    uplink.deliver(List.of(one), Duration.ofMillis(50));

    assertThat(producer.history()).hasSize(1);
    assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
  }

  @Test
  void failedBatchIsReportedAndSentAgainWhenOffered() throws Exception {
    StoredBatch one = batches.batch("telemetry", 1);

    CompletableFuture<Void> denied = deliverAsync(one);
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    producer.errorNext(new TopicAuthorizationException("acl"));
    Throwable failure = catchThrowable(() -> denied.get(5, TimeUnit.SECONDS)).getCause();

    assertThat(failure).isInstanceOf(UplinkException.class);
    assertThat(((UplinkException) failure).retriable()).isFalse();
    assertThat(failure.getCause()).isInstanceOf(TopicAuthorizationException.class);

    CompletableFuture<Void> again = deliverAsync(one);
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
    producer.completeNext();
    again.get(5, TimeUnit.SECONDS);
    assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
  }

  private CompletableFuture<Void> deliverAsync(StoredBatch batch) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            uplink.deliver(List.of(batch), Duration.ofSeconds(5));
          } catch (UplinkException e) {
            throw new CompletionException(e);
          }
        });
  }
}
