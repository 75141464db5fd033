package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidSimulator;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole daemon on a full disk: its data directory is on a 32 MiB tmpfs mounted by the test
 * (needs root or CAP_SYS_ADMIN; skipped with a message where mounting is not permitted), its broker
 * is down so the humanoid-1 telemetry piles up, and a filler file takes the rest of the disk. The
 * daemon keeps running and says so on {@code /readyz}, {@code /v1/status} and {@code /metrics};
 * when the filler is deleted and the broker started, it resumes, and every batch it stored and did
 * not evict arrives in Kafka exactly once.
 */
class FullDiskEndToEndTest {
  private static final Logger log = LoggerFactory.getLogger(FullDiskEndToEndTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STREAMS = List.of("telemetry", "perception", "diagnostics");
  private static final long ROOM_LEFT_BYTES = 6L << 20;

  private static Path mountPoint;
  private static boolean mounted;

  @BeforeAll
  static void mountSmallTmpfs() throws Exception {
    mountPoint = Files.createTempDirectory("eg-daemon-full-disk-");
    int exit = run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", mountPoint.toString());
    mounted = exit == 0;
    Assumptions.assumeTrue(
        mounted,
        "mounting a tmpfs is not permitted here (exit " + exit + "); full-disk test skipped");
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mounted && run("umount", mountPoint.toString()) != 0) {
      run("umount", "-l", mountPoint.toString()); // still busy (a failed start): detach it anyway
    }
    Files.deleteIfExists(mountPoint);
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** Writes zeros to {@code file} until only {@code leave} bytes are left on its file system. */
  private static void fillDiskLeaving(Path file, long leave) throws Exception {
    long size = Files.getFileStore(file.getParent()).getUsableSpace() - leave;
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
    }
  }

  private static double sum(MeterRegistry r, String name, String... tags) {
    return r.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static JsonNode status(Gateway gateway) throws Exception {
    return JSON.readTree(Http.get(gateway.httpPort(), "/v1/status").body());
  }

  @Test
  void daemonSurvivesAFullDiskCountsWhatItDropsAndDeliversTheRestExactlyOnce() throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    Path data = mountPoint.resolve("data");
    String prefix = "e2e.fulldisk";
    try (EmbeddedKafka kafka = EmbeddedKafka.create()) {
      GatewayConfig cfg =
          BrokerOutageScenario.config(data, domain, kafka.bootstrapServers(), prefix);
      Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(30));
      QueueStats evictedAtEnd;
      try (FastDdsBus simBus = FastDdsBus.join(domain, "humanoid_sim");
          HumanoidSimulator sim =
              new HumanoidSimulator(simBus, HumanoidProfile.humanoid1(), 1.0, Clock.system())
                  .topics(BrokerOutageScenario.TOPICS)) {
        Path filler = mountPoint.resolve("filler");
        fillDiskLeaving(filler, ROOM_LEFT_BYTES);
        sim.start();

        // The broker is down: the queue grows into the last 6 MiB, then the disk is full.
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> gateway.queueStats().evictedBatches().getOrDefault("disk_full", 0L) > 5);
        assertThat(Http.get(gateway.httpPort(), "/healthz").statusCode()).isEqualTo(200);
        var ready = Http.get(gateway.httpPort(), "/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("queue_disk_full");
        JsonNode queue = status(gateway).get("queue");
        assertThat(queue.get("disk_full").asBoolean()).isTrue();
        assertThat(queue.get("evicted_batches").get("disk_full").asLong()).isPositive();
        String metrics = Http.get(gateway.httpPort(), "/metrics").body();
        assertThat(metrics).containsPattern("(?m)^gateway_queue_disk_full 1(\\.0)?$");
        assertThat(metrics)
            .containsPattern("gateway_queue_evicted_batches_total\\{reason=\"disk_full\"");

        // Space returns and the broker comes back: the daemon resumes on its own.
        Files.delete(filler);
        kafka.start();
        for (String s : STREAMS) {
          kafka.createTopic(prefix + "." + s, 1, false);
        }
        kafka.createTopic(prefix + ".checkpoints", 1, true);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> !status(gateway).get("queue").get("disk_full").asBoolean());
        double sealedWhenSpaceReturned = sum(gateway.registry(), "gateway.batcher.batches.sealed");
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(Http.get(gateway.httpPort(), "/readyz").statusCode()).isEqualTo(200);
                  assertThat(sum(gateway.registry(), "gateway.batcher.batches.sealed"))
                      .isGreaterThan(sealedWhenSpaceReturned + 20);
                });
        assertThat(Http.get(gateway.httpPort(), "/metrics").body())
            .containsPattern("(?m)^gateway_queue_disk_full 0(\\.0)?$");
      } finally {
        gateway.close();
      }
      MeterRegistry r = gateway.registry();
      evictedAtEnd = gateway.queueStats();
      assertThat(sum(r, "gateway.batcher.errors")).isZero();
      assertThat(SqliteDurableQueue.inspect(data).batches()).isZero();
      assertThat(integrityCheck(data.resolve(SqliteDurableQueue.FILE_NAME))).isEqualTo("ok");

      // Every stored batch that was not evicted is in Kafka exactly once, every batch_seq up to the
      // last one sealed (an append the queue refused takes no batch_seq), and the missing ones are
      // exactly the evicted ones: a batch evicted while the sender held it for a delivery that then
      // succeeded counts as uploaded, not as evicted.
      for (String s : STREAMS) {
        long sealed = (long) sum(r, "gateway.batcher.batches.sealed", "stream", s);
        QueueStats.StreamStats st = evictedAtEnd.streams().get(s);
        long evicted =
            st == null ? 0 : st.evictedBatches().values().stream().mapToLong(Long::longValue).sum();
        Read read = readAll(kafka.bootstrapServers(), prefix + "." + s, sealed - evicted);
        log.info(
            "stream {}: sealed {} batches, evicted {}, in Kafka {}, max batch_seq {},"
                + " refused appends lost {} samples",
            s,
            sealed,
            evicted,
            read.distinct(),
            read.maxSeq(),
            (long) sum(r, "gateway.queue.append.lost.records", "stream", s));
        assertThat(read.duplicates()).as(s + " duplicates").isZero();
        assertThat(read.maxSeq()).as(s + " last batch_seq in Kafka").isEqualTo(sealed);
        assertThat(sealed - read.distinct())
            .as(s + " missing batch_seqs (exactly the evicted ones)")
            .isEqualTo(evicted);
        assertThat(
                SqliteDurableQueue.inspectLedger(data).stream()
                    .filter(c -> c.key().stream().equals(s))
                    .mapToLong(c -> c.uploaded())
                    .sum())
            .as(s + " samples the ledger counts as uploaded = samples in Kafka")
            .isEqualTo(read.records());
      }
      assertThat(evictedAtEnd.evictedBatches().get("disk_full")).isPositive();
    }
  }

  private record Read(long distinct, long records, long duplicates, long maxSeq) {}

  private static Read readAll(String bootstrap, String topic, long expected) {
    Set<Long> seqs = new HashSet<>();
    long records = 0;
    long duplicates;
    try (BatchReader reader =
        BatchReader.create(bootstrap, topic, BatchReader.StartPosition.EARLIEST, Map.of())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int emptyPolls = 0;
      while ((seqs.size() < expected || emptyPolls < 2) && System.nanoTime() < deadline) {
        List<ReceivedBatch> got = reader.poll(Duration.ofMillis(500));
        emptyPolls = got.isEmpty() ? emptyPolls + 1 : 0;
        for (ReceivedBatch b : got) {
          if (seqs.add(b.batch().getBatchSeq())) {
            records += b.batch().getRecordsCount();
          }
        }
      }
      duplicates = reader.duplicates();
    }
    return new Read(
        seqs.size(), records, duplicates, seqs.stream().mapToLong(Long::longValue).max().orElse(0));
  }

  private static String integrityCheck(Path db) throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
      row.next();
      return row.getString(1);
    }
  }
}
