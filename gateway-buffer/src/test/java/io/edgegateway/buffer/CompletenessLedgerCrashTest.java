package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LedgerReconciler;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.StoredBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process running the real pipeline is SIGKILLed mid-stream; after reopening, the ledger counts
 * exactly the samples it received but never committed as lost before commit, and the per-topic seq
 * continues after them.
 */
class CompletenessLedgerCrashTest {

  private static final TopicKey IMU =
      new TopicKey(IngestUntilKilled.STREAM, IngestUntilKilled.TOPIC);

  @TempDir Path dir;

  @Test
  void samplesReceivedButNotSealedAreCountedAsLostAndTheSeqContinues() throws Exception {
    Path dataDir = dir.resolve("data");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                IngestUntilKilled.class.getName(),
                dataDir.toString())
            .redirectError(dir.resolve("child.log").toFile())
            .start();
    long printed;
    try {
      printed =
          CompletableFuture.supplyAsync(() -> readUntilReceived(child, 30_000))
              .get(60, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
    }
    assertThat(printed).as("see %s", dir.resolve("child.log")).isGreaterThanOrEqualTo(30_000);

    IntakeCounts intake = MmapIntakeLedger.read(dataDir).get(IMU);
    assertThat(intake.received()).isGreaterThanOrEqualTo(printed);

    try (SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1L << 40, Durability.PROCESS);
        MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, Clock.system())) {
      List<Long> sealedSeqs = seqs(queue.oldest(Integer.MAX_VALUE, Long.MAX_VALUE));
      assertThat(sealedSeqs).as("some batches were committed").isNotEmpty();
      assertThat(sealedSeqs).isSorted().doesNotHaveDuplicates();
      long lastSealed = sealedSeqs.get(sealedSeqs.size() - 1);
      CommittedCounts committed = queue.committedCounts().get(0);
      assertThat(committed.sealed()).isEqualTo(sealedSeqs.size());
      assertThat(committed.sealedLast()).isEqualTo(lastSealed);

      List<LostSamples> lost = LedgerReconciler.reconcile(ledger, queue);

      long expectedLost = intake.received() - intake.intakeDropped() - sealedSeqs.size();
      assertThat(expectedLost).as("the kill caught samples in the batcher").isPositive();
      assertThat(lost)
          .containsExactly(
              new LostSamples(IMU, new SeqRange(lastSealed + 1, intake.received(), expectedLost)));
      assertThat(queue.committedCounts().get(0).lostBeforeCommit()).isEqualTo(expectedLost);

      TelemetryPipeline restarted = IngestUntilKilled.pipeline(queue, ledger);
      SampleHandler handler = restarted.handlerFor(IngestUntilKilled.route());
      for (int i = 0; i < 5; i++) {
        handler.onSample(i, new byte[10]);
      }
      restarted.close();

      List<Long> after = seqs(queue.oldest(Integer.MAX_VALUE, Long.MAX_VALUE));
      assertThat(after.subList(sealedSeqs.size(), after.size()))
          .containsExactly(
              intake.received() + 1,
              intake.received() + 2,
              intake.received() + 3,
              intake.received() + 4,
              intake.received() + 5);
      var line = restarted.ledger().get(0);
      assertThat(line.lostBeforeCommit()).as("nothing counted twice").isEqualTo(expectedLost);
      assertThat(line.accepted()).isEqualTo(intake.received() + 5);
      assertThat(line.accepted())
          .isEqualTo(
              line.sampledOut()
                  + line.intakeDropped()
                  + line.sealed()
                  + line.lostBeforeCommit()
                  + line.inFlight());
      assertThat(line.inFlight()).isZero();
    }
  }

  private static List<Long> seqs(List<StoredBatch> stored) throws Exception {
    List<Long> seqs = new ArrayList<>();
    for (StoredBatch b : stored) {
      TelemetryBatch batch = BatchCodec.decode(b.batch().payload());
      for (Record r : batch.getRecordsList()) {
        seqs.add(r.getSeq());
      }
    }
    return seqs;
  }

  /** Reads the child's output until it received {@code target} samples and queued 3 batches. */
  private static long readUntilReceived(Process child, long target) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long last = 0;
      String line;
      long batches = 0;
      while ((last < target || batches < 3) && (line = out.readLine()) != null) {
        String[] words = line.split(" ");
        if (words.length == 4 && words[0].equals("received")) {
          last = Long.parseLong(words[1]);
          batches = Long.parseLong(words[3]);
        }
      }
      return last;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
