package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaExtension.class)
class KafkaUplinkTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final TestBatches batches = new TestBatches();

  @Test
  void deliveredBatchesReadBackWithKeyHeadersAndContent(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("uplink-content-telemetry", 2, false);
    kafka.createTopic("uplink-content-events", 1, false);
    kafka.createTopic("uplink-content-checkpoints", 1, true);
    List<StoredBatch> sent =
        List.of(
            batches.batch("telemetry", 1),
            batches.batch("events", 1),
            batches.batch("telemetry", 2));

    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", "uplink-content-telemetry", "events", "uplink-content-events"),
            "uplink-content-checkpoints")) {
      uplink.deliver(sent, TIMEOUT);
      assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
    }

    List<ReceivedBatch> telemetry = Readers.readAll(kafka, "uplink-content-telemetry", 2);
    List<ReceivedBatch> events = Readers.readAll(kafka, "uplink-content-events", 1);
    assertReceived(telemetry.get(0), sent.get(0));
    assertReceived(telemetry.get(1), sent.get(2));
    assertReceived(events.get(0), sent.get(1));
    assertThat(telemetry.get(0).partition()).isEqualTo(telemetry.get(1).partition());
    assertThat(telemetry.get(1).offset()).isGreaterThan(telemetry.get(0).offset());
  }

  @Test
  void batchOfferedAgainAfterCommitIsNotSentTwice(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("uplink-reoffer", 1, false);
    kafka.createTopic("uplink-reoffer-checkpoints", 1, true);
    StoredBatch first = batches.batch("telemetry", 1);
    StoredBatch second = batches.batch("telemetry", 2);
    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", "uplink-reoffer"),
            "uplink-reoffer-checkpoints")) {
      uplink.deliver(List.of(first), TIMEOUT);
      uplink.deliver(List.of(first, second), TIMEOUT);
    }

    List<ReceivedBatch> received = Readers.readAll(kafka, "uplink-reoffer", 2);
    assertThat(received).extracting(r -> r.batch().getBatchSeq()).containsExactly(1L, 2L);
  }

  @Test
  void oversizedBatchFailsNotRetriable(EmbeddedKafka kafka) {
    kafka.createTopic("uplink-oversized", 1, false);
    kafka.createTopic("uplink-oversized-checkpoints", 1, true);
    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of("max.request.size", "200"),
            Map.of("telemetry", "uplink-oversized"),
            "uplink-oversized-checkpoints")) {
      UplinkException e =
          catchThrowableOfType(
              UplinkException.class,
              () -> uplink.deliver(List.of(batches.batch("telemetry", 1)), TIMEOUT));

      assertThat(e.retriable()).isFalse();
      assertThat(e).hasMessageContaining("robot-7/telemetry/1");
      assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class);
      assertThat(uplink.state()).isNotEqualTo(UplinkState.DISCONNECTED);
    }
  }

  @Test
  void unknownStreamIsRejectedBeforeAnythingIsSent(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic("uplink-unknown-stream", 1, false);
    kafka.createTopic("uplink-unknown-stream-checkpoints", 1, true);
    try (KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT,
            kafka.bootstrapServers(),
            Map.of(),
            Map.of("telemetry", "uplink-unknown-stream"),
            "uplink-unknown-stream-checkpoints")) {
      assertThatThrownBy(
              () ->
                  uplink.deliver(
                      List.of(batches.batch("telemetry", 1), batches.batch("video", 1)), TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("batch robot-7/video/1 stream : video (expected: one of [telemetry])");

      uplink.deliver(List.of(batches.batch("telemetry", 2)), TIMEOUT);
    }
    assertThat(Readers.readAll(kafka, "uplink-unknown-stream", 1))
        .extracting(r -> r.batch().getBatchSeq())
        .containsExactly(2L);
  }

  @Test
  void closedUplinkReportsClosedAndRejectsDelivery(EmbeddedKafka kafka) {
    KafkaUplink uplink =
        KafkaUplink.create(
            TestBatches.ROBOT, kafka.bootstrapServers(), Map.of(), Map.of("telemetry", "t"));
    uplink.close(Duration.ofSeconds(5));
    uplink.close();

    assertThat(uplink.state()).isEqualTo(UplinkState.CLOSED);
    assertThatThrownBy(() -> uplink.deliver(List.of(batches.batch("telemetry", 1)), TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("uplink closed");
  }

  @Test
  void createRejectsBadArguments() {
    assertThatThrownBy(() -> KafkaUplink.create("", "h:1", Map.of(), Map.of("s", "t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("robotId : \"\" (expected: not empty)");
    assertThatThrownBy(() -> KafkaUplink.create("r", "h:1", Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamToTopic : {} (expected: at least one stream)");
    assertThatThrownBy(
            () -> KafkaUplink.create("r", "h:1", Map.of("transactional.id", "x"), Map.of("s", "t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "clientProperties.transactional.id : x (expected: unset; the uplink manages"
                + " transactions)");
  }

  private static void assertReceived(ReceivedBatch received, StoredBatch sent) throws Exception {
    var b = sent.batch();
    assertThat(received.key()).isEqualTo(TestBatches.ROBOT);
    assertThat(received.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "eg-batch-id",
                "robot-7/" + b.stream() + "/" + b.batchSeq(),
                "eg-encoding",
                "zstd",
                "eg-schema",
                "edgegateway.v1.TelemetryBatch",
                "eg-records",
                "3",
                "eg-first-ns",
                Long.toString(b.firstStampNs()),
                "eg-last-ns",
                Long.toString(b.lastStampNs())));
    TelemetryBatch decoded = received.batch();
    assertThat(decoded).isEqualTo(BatchCodec.decode(b.payload()));
    assertThat(decoded.getRobotId()).isEqualTo(TestBatches.ROBOT);
    assertThat(decoded.getStream()).isEqualTo(b.stream());
    assertThat(decoded.getBatchSeq()).isEqualTo(b.batchSeq());
    assertThat(decoded.getRecordsList())
        .extracting(r -> r.getPayload().toStringUtf8())
        .containsExactly(
            b.stream() + "-" + b.batchSeq() + "-0",
            b.stream() + "-" + b.batchSeq() + "-1",
            b.stream() + "-" + b.batchSeq() + "-2");
  }
}
