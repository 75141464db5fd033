package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs its own broker, since it stops and starts it: a transaction cut off by the outage is
 * abandoned (never visible to read_committed consumers) and its batches go out exactly once after.
 */
class KafkaUplinkOutageTest {
  private static final Duration SHORT = Duration.ofMillis(1500);
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final long SLACK_MS = 1000;
  private final TestBatches batches = new TestBatches();

  @Test
  void brokerDownAtStartAndOutageFailRetriablyWithinTimeoutAndDeliveryResumes() throws Exception {
    StoredBatch one = batches.batch("telemetry", 1);
    StoredBatch two = batches.batch("telemetry", 2);
    StoredBatch three = batches.batch("telemetry", 3);
    try (EmbeddedKafka kafka = EmbeddedKafka.create();
        KafkaUplink uplink =
            KafkaUplink.create(
                TestBatches.ROBOT,
                kafka.bootstrapServers(),
                Map.of(),
                Map.of("telemetry", "outage"),
                "outage-checkpoints")) {
      assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTING);

      UplinkException down = timedFailure(uplink, one);
      assertThat(down.retriable()).isTrue();
      assertThat(uplink.state()).isEqualTo(UplinkState.DISCONNECTED);

      kafka.start();
      kafka.createTopic("outage", 1, false);
      kafka.createTopic("outage-checkpoints", 1, true);
      uplink.deliver(List.of(one), LONG);
      assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);

      kafka.stop();
      UplinkException outage = timedFailure(uplink, two);
      assertThat(outage.retriable()).isTrue();
      assertThat(uplink.state()).isEqualTo(UplinkState.DISCONNECTED);

      kafka.start();
      uplink.deliver(List.of(two, three), LONG);
      assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
      assertThat(uplink.committedCheckpoints(LONG)).containsExactly(Map.entry("telemetry", 3L));

      try (BatchReader reader =
          BatchReader.create(
              kafka.bootstrapServers(), "outage", BatchReader.StartPosition.EARLIEST, Map.of())) {
        List<ReceivedBatch> received = Readers.readAtLeast(reader, 3);
        received.addAll(reader.poll(Duration.ofMillis(200)));
        assertThat(received).extracting(r -> r.batch().getBatchSeq()).containsExactly(1L, 2L, 3L);
        assertThat(reader.duplicates()).isZero();
        assertThat(reader.gaps()).isZero();
      }
    }
  }

  private static UplinkException timedFailure(KafkaUplink uplink, StoredBatch batch) {
    long startNs = System.nanoTime();
    UplinkException e =
        catchThrowableOfType(UplinkException.class, () -> uplink.deliver(List.of(batch), SHORT));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    assertThat(e).isNotNull();
    assertThat(elapsedMs).isLessThan(SHORT.toMillis() + SLACK_MS);
    return e;
  }
}
