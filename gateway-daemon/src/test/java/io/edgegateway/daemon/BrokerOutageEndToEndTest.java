package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker dies mid-run under the humanoid-1 load and comes back: its own embedded broker is
 * stopped for 30 s of a 60 s run and started again on the same port and log directory. Nothing is
 * lost or duplicated, the queue grows during the outage and drains afterwards; the uplink state and
 * {@code /readyz} turn within 2 s of the stop and back after the restart; the drain rate is printed
 * (not asserted: it depends on the machine). {@code bench/outage.sh} runs the same scenario at full
 * length.
 */
class BrokerOutageEndToEndTest {
  private static final Logger log = LoggerFactory.getLogger(BrokerOutageEndToEndTest.class);

  @TempDir Path dir;

  @Test
  void brokerOutageUnderHumanoidLoadLosesNothingAndDrainsAfter() throws Exception {
    BrokerOutageScenario.Result r =
        BrokerOutageScenario.run(
            new BrokerOutageScenario.Options(
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                DdsDomains.forTest(getClass(), 0),
                dir,
                System.out,
                Duration.ofSeconds(10)));
    log.info("broker outage: {}", r.summary());

    assertThat(r.backlogBatches()).as("batches queued during the outage").isGreaterThan(20);
    assertThat(r.backlogS()).as("seconds of data queued").isGreaterThan(20);
    assertThat(r.drainS()).as("seconds to drain the backlog (NaN: never drained)").isFinite();
    assertThat(r.leftQueued()).as("batches left queued after the gateway closed").isZero();
    assertThat(r.kafkaBatches()).as("distinct batches in Kafka").isEqualTo(r.sealedBatches());
    assertThat(r.kafkaRecords()).as("samples in Kafka").isEqualTo(r.sealedRecords());
    assertThat(r.duplicates()).isZero();
    assertThat(r.gaps()).isZero();
    assertThat(r.appendLost()).isZero();
    assertThat(r.evicted()).isZero();
    assertThat(r.sealedRecords()).isPositive();
    // The states the alerts rely on: the uplink and /readyz say the broker is gone within 2 s of
    // its stop (not when a delivery finally times out), and say it is back once it answers.
    assertThat(r.downStateS()).as("seconds until the uplink state left connected").isLessThan(2.0);
    assertThat(r.downReadyzS())
        .as("seconds until /readyz said uplink_disconnected")
        .isLessThan(2.0);
    assertThat(r.upStateS()).as("seconds until connected and ready again").isFinite();
  }
}
