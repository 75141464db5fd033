package io.edgegateway.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness at CI size: the real daemon as a separate process, SIGKILLed 20 times at random
 * instants under a Cyclone DDS publisher, then audited in a real Kafka broker.
 */
class ChaosHarnessTest {

  @Test
  void twentyKillsLoseNothingCommittedAndDuplicateNothing(@TempDir Path work) throws Exception {
    Path repoRoot = Path.of("").toAbsolutePath().getParent();
    ChaosOptions options =
        new ChaosOptions(
            20,
            Duration.ofSeconds(60),
            3,
            200,
            200,
            DdsDomains.forTest(ChaosHarnessTest.class, 0),
            null,
            repoRoot,
            work,
            20261124L);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    ChaosResult result =
        new ChaosHarness(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    String report =
        progress.toString(StandardCharsets.UTF_8)
            + result.detailsLine()
            + "\n"
            + result.summaryLine();
    assertThat(result.kills()).as(report).isEqualTo(20);
    assertThat(result.published()).as(report).isPositive();
    assertThat(result.delivered()).as(report).isPositive();
    assertThat(result.duplicates()).as(report).isZero();
    assertThat(result.lostCommitted()).as(report).isZero();
    assertThat(result.batchGaps()).as(report).isZero();
    assertThat(result.reportedButDelivered()).as(report).isZero();
    assertThat(result.daemonLostTotal())
        .as("the daemon's ledger counted exactly the losses the consumer saw\n" + report)
        .isEqualTo(result.lostUncommitted());
    assertThat(result.delivered() + result.lostUncommitted())
        .as(report)
        .isLessThanOrEqualTo(result.published());
    assertThat(result.summaryLine())
        .matches(
            "kills=20 published=\\d+ delivered=\\d+ duplicates=0 lost_committed=0"
                + " lost_uncommitted=\\d+");
    System.out.println(report);
  }
}
