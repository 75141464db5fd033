package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code queue stats} on a data directory left by a gateway that died. */
class QueueStatsCommandTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void dataDirOfACrashedGateway() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve(MmapIntakeLedger.FILE_NAME), "not a ledger");
    try (SqliteDurableQueue queue = SqliteDurableQueue.open(data, 1L << 30, Durability.PROCESS);
        MmapIntakeLedger ledger = MmapIntakeLedger.open(data, Clock.system())) {
      ledger.slot(new TopicKey("telemetry", "/imu")).restore(new IntakeCounts(25, 3, 1));
      queue.append(
          new SealedBatch("telemetry", 1, 5, 1_700_000_000_000L, 12, 0, 0, 10, new byte[10])
              .withTopics(List.of(new TopicSummary("/imu", 12, 1, 14))));
      queue.acknowledge(queue.oldest(1, Long.MAX_VALUE));
      queue.append(
          new SealedBatch("telemetry", 2, 5, 1_700_000_000_000L, 4, 0, 0, 10, new byte[10])
              .withTopics(List.of(new TopicSummary("/imu", 4, 15, 18))));
    }
    config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "gateway: {robot_id: r1, data_dir: '"
            + data
            + "'}\n"
            + "ros2: {domain_id: 0}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '127.0.0.1:9'}\n"
            + "  streams: {telemetry: {topic: t}}\n"
            + "  checkpoint_topic: t.checkpoints\n");
  }

  @Test
  void printsTheLedgerPerTopicAndTheQuarantinedFiles() {
    CliRun run = CliRun.of("queue", "stats", "--config", config.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("quarantined files: 1").contains("ledger.bin.corrupt-");
    assertThat(run.out())
        .containsPattern("telemetry +/imu +25 +3 +1 +16 +12 +0 +0 +4 +5 +1\\.\\.18")
        .contains("uploaded seq 1..14");
  }

  @Test
  void printsTheLedgerAsJson() throws Exception {
    CliRun run = CliRun.of("queue", "stats", "--config", config.toString(), "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode line = new ObjectMapper().readTree(run.out()).get("ledger").get(0);
    assertThat(line.get("topic").asText()).isEqualTo("/imu");
    assertThat(line.get("accepted").asLong()).isEqualTo(25);
    assertThat(line.get("sealed").asLong()).isEqualTo(16);
    assertThat(line.get("uploaded").asLong()).isEqualTo(12);
    assertThat(line.get("in_queue").asLong()).isEqualTo(4);
    assertThat(line.get("in_flight").asLong()).isEqualTo(5);
    assertThat(line.get("seq").get("last").asLong()).isEqualTo(18);
    assertThat(line.get("uploaded_seq").get("first").asLong()).isEqualTo(1);
    assertThat(line.get("evicted").get("ttl").asLong()).isZero();
  }
}
