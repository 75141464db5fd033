package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.SampleHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch the queue refuses is counted as lost before commit at once, and not again at start. */
class RefusedBatchLedgerTest {

  @TempDir Path dataDir;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  private TelemetryPipeline pipeline(SqliteDurableQueue queue, MmapIntakeLedger ledger) {
    return new TelemetryPipeline(
        new TelemetryPipeline.Settings(
            1 << 20,
            Duration.ofSeconds(1),
            1_000,
            64L * 1024 * 1024,
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            Duration.ZERO),
        new BatchCodec("r1", "i1", BatchLineage.empty(), 1),
        queue,
        new IngestUntilKilled.DownUplink(),
        clock,
        new GatewayMetrics(new SimpleMeterRegistry()),
        Set.of(IngestUntilKilled.STREAM),
        ledger);
  }

  @Test
  void aRefusedBatchIsLostBeforeCommitWithItsSeqRange() {
    byte[] incompressible = new byte[300_000];
    new Random(1).nextBytes(incompressible);
    try (SqliteDurableQueue queue =
            SqliteDurableQueue.open(dataDir, 1L << 30, Durability.PROCESS, 60);
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      TelemetryPipeline first = pipeline(queue, ledger);
      SampleHandler handler = first.handlerFor(IngestUntilKilled.route());
      handler.onSample(1, new byte[100]);
      first.close(); // seals one small batch: committed
      TelemetryPipeline second = pipeline(queue, ledger);
      handler = second.handlerFor(IngestUntilKilled.route());
      handler.onSample(2, new byte[100]);
      handler.onSample(3, incompressible);
      second.close(); // the batch does not fit the 60-page file: refused

      TopicLedger line = second.ledger().get(0);
      assertThat(line.accepted()).isEqualTo(3);
      assertThat(line.sealed()).isEqualTo(1);
      assertThat(line.lostBeforeCommit()).isEqualTo(2);
      assertThat(line.lostRanges()).containsExactly(new SeqRange(2, 3, 2));
      assertThat(line.inFlight()).isZero();

      TelemetryPipeline third = pipeline(queue, ledger);
      assertThat(third.ledger().get(0).lostBeforeCommit()).as("not counted twice").isEqualTo(2);
      third.close();
    }
  }
}
