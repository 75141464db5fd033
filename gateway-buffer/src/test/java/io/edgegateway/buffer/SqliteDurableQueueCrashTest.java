package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.views;
import static io.edgegateway.buffer.TestBatches.viewsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.StoredBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed batches survive a process that dies without closing the queue. */
class SqliteDurableQueueCrashTest {

  @TempDir Path dataDir;

  @Test
  void committedBatchesSurviveAProcessKilledWhileAppending() throws Exception {
    Path childLog = dataDir.resolve("child.log");
    Path queueDir = dataDir.resolve("queue");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(),
                queueDir.toString(),
                Durability.PROCESS.name())
            .redirectError(childLog.toFile())
            .start();
    long lastPrinted;
    try {
      lastPrinted =
          CompletableFuture.supplyAsync(() -> readUntilCommitted(child, 200))
              .get(60, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
    }
    assertThat(lastPrinted).as("see %s", childLog).isEqualTo(200);

    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(queueDir, 1L << 40, Durability.PROCESS)) {
      List<StoredBatch> stored = queue.oldest(Integer.MAX_VALUE, Long.MAX_VALUE);
      long lastStored = queue.lastBatchSeq("telemetry");

      assertThat(lastStored).isGreaterThanOrEqualTo(lastPrinted);
      assertThat(views(stored))
          .isEqualTo(
              viewsOf(
                  LongStream.rangeClosed(1, lastStored)
                      .mapToObj(seq -> batch("telemetry", seq, 5, AppendUntilKilled.PAYLOAD_BYTES))
                      .toList()));
      assertThat(queue.stats().batches()).isEqualTo(lastStored);
    }
  }

  @Test
  void committedBatchesSurviveWhenOnlyTheFilesLeftBehindAreReopened() throws Exception {
    Path crashed = dataDir.resolve("crashed");
    Files.createDirectories(crashed);
    List<SealedBatch> appended =
        LongStream.rangeClosed(1, 50).mapToObj(seq -> batch("telemetry", seq, 5, 1_000)).toList();
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir.resolve("live"), 1L << 30, Durability.PROCESS)) {
      appended.forEach(queue::append);
      queue.acknowledge(queue.oldest(10, Long.MAX_VALUE));
      Path wal = queue.path().resolveSibling("queue.db-wal");
      assertThat(Files.size(wal)).as("commits still only in the WAL").isPositive();

      Files.copy(queue.path(), crashed.resolve("queue.db"));
      Files.copy(wal, crashed.resolve("queue.db-wal"));
    }

    try (SqliteDurableQueue recovered =
        SqliteDurableQueue.open(crashed, 1L << 30, Durability.PROCESS)) {
      assertThat(views(recovered.oldest(Integer.MAX_VALUE, Long.MAX_VALUE)))
          .isEqualTo(viewsOf(appended.subList(10, 50)));
      assertThat(recovered.lastBatchSeq("telemetry")).isEqualTo(50);
      assertThat(recovered.stats().bytes()).isEqualTo(40 * 1_000);
    }
  }

  private static long readUntilCommitted(Process child, long target) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long last = 0;
      String line;
      while (last < target && (line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          last = Long.parseLong(line.substring("committed ".length()));
        }
      }
      return last;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
