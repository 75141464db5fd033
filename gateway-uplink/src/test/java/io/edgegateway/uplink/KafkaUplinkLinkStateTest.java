package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state reported while a broker goes away under a delivery and comes back: it leaves {@code
 * CONNECTED} within 2 s of the stop (the delivery itself times out much later), returns once the
 * broker answers, and the batches go out exactly once. Runs its own broker.
 */
class KafkaUplinkLinkStateTest {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplinkLinkStateTest.class);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STATE_BOUND = Duration.ofSeconds(2);

  private final TestBatches batches = new TestBatches();

  @Test
  void stateTurnsDisconnectedWithinTwoSecondsOfABrokerStopMidDeliveryAndRecovers()
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start();
        KafkaUplink uplink =
            KafkaUplink.create(
                TestBatches.ROBOT,
                kafka.bootstrapServers(),
                Map.of(),
                Map.of("telemetry", "state"),
                "state-checkpoints")) {
      kafka.createTopic("state", 1, false);
      kafka.createTopic("state-checkpoints", 1, true);
      AtomicLong delivered = new AtomicLong();
      Sender sender = new Sender(uplink, delivered);
      Thread t = new Thread(sender, "test-sender");
      t.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() >= 5);
        assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
        // While deliveries keep succeeding they are the answers: (almost) no probes are sent.
        long probesBefore = uplink.watch().probesSent();
        long deliveredBefore = delivered.get();
        long steadyNs = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.get() >= deliveredBefore + 50);
        long probes = uplink.watch().probesSent() - probesBefore;
        LOG.info(
            "{} probes during 50 successful deliveries in {} ms",
            probes,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - steadyNs));
        assertThat(probes).as("probes sent during 50 successful deliveries").isLessThanOrEqualTo(3);

        long stopCalledNs = System.nanoTime();
        kafka.stop();
        long stoppedNs = System.nanoTime();
        await()
            .pollInterval(Duration.ofMillis(20))
            .atMost(STATE_BOUND.minusNanos(System.nanoTime() - stoppedNs))
            .until(() -> uplink.state() != UplinkState.CONNECTED);
        long leftNs = System.nanoTime();
        LOG.info(
            "broker stop took {} ms; state {} {} ms after it returned; the delivery under way"
                + " is still waiting: {}",
            TimeUnit.NANOSECONDS.toMillis(stoppedNs - stopCalledNs),
            uplink.state(),
            TimeUnit.NANOSECONDS.toMillis(leftNs - stoppedNs),
            sender.inDelivery());
        assertThat(uplink.state()).isEqualTo(UplinkState.DISCONNECTED);
        long atOutage = delivered.get();

        kafka.start();
        await().atMost(Duration.ofSeconds(40)).until(() -> uplink.state() == UplinkState.CONNECTED);
        await().atMost(Duration.ofSeconds(40)).until(() -> delivered.get() >= atOutage + 5);
      } finally {
        sender.stop();
        t.join(TimeUnit.SECONDS.toMillis(40));
      }
      assertThat(t.isAlive()).isFalse();
      long last = delivered.get();
      try (BatchReader reader =
          BatchReader.create(
              kafka.bootstrapServers(), "state", BatchReader.StartPosition.EARLIEST, Map.of())) {
        List<ReceivedBatch> received = Readers.readAtLeast(reader, (int) last);
        received.addAll(reader.poll(Duration.ofMillis(500)));
        assertThat(received)
            .extracting(r -> r.batch().getBatchSeq())
            .containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(reader.duplicates()).isZero();
        assertThat(reader.gaps()).isZero();
      }
    }
  }

  /** Delivers batch 1, 2, 3... one per call, offering a failed one again, like the core sender. */
  private final class Sender implements Runnable {
    private final KafkaUplink uplink;
    private final AtomicLong delivered;
    private volatile boolean running = true;
    private volatile boolean inDelivery;

    Sender(KafkaUplink uplink, AtomicLong delivered) {
      this.uplink = uplink;
      this.delivered = delivered;
    }

    @Override
    public void run() {
      while (running) {
        StoredBatch next = batches.batch("telemetry", delivered.get() + 1);
        inDelivery = true;
        try {
          uplink.deliver(List.of(next), DELIVERY_TIMEOUT);
          delivered.incrementAndGet();
        } catch (UplinkException e) {
          LOG.info("delivery of batch {} failed: {}", next.batch().batchSeq(), e.getMessage());
        } finally {
          inDelivery = false;
        }
        try {
          TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    boolean inDelivery() {
      return inDelivery;
    }

    void stop() {
      running = false;
    }
  }
}
