package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.audit.AuditRecord;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.ConfigSnapshot;
import io.edgegateway.daemon.Gateway;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.Kcat;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log of a running gateway (real Kafka, real DDS participant): start, reloads good and
 * bad, an auth failure and stop are recorded in order, {@code audit verify} passes, no secret is in
 * a record, the records reach the audit topic exactly once across a restart (read back with kcat,
 * read_committed), and {@code audit verify --bootstrap} finds a cut tail.
 */
@ExtendWith(SharedKafkaExtension.class)
class AuditEndToEndTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TOKEN = "planted-http-token-0123456789abcdef0123456789";
  private static final String ROTATED = "planted-rotated-token-fedcba9876543210fedcba98";
  private static final String WRONG = "planted-wrong-token-00000000000000000000000000";

  @TempDir Path dir;

  private Path tokenFile(String token) throws Exception {
    Path file = dir.resolve("http.token");
    Files.writeString(file, token + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private void writeConfig(Path file, EmbeddedKafka kafka, String topic, String ttl)
      throws Exception {
    Files.writeString(
        file,
        "gateway: {robot_id: hx-audit, data_dir: '"
            + dir.resolve("data")
            + "'}\n"
            + "ros2: {domain_id: "
            + DdsDomains.forTest(getClass(), 0)
            + "}\n"
            + "buffer: {ttl: "
            + ttl
            + "}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + kafka.bootstrapServers()
            + "'}\n"
            + "  streams: {telemetry: {topic: "
            + topic
            + "}}\n"
            + "  checkpoint_topic: "
            + topic
            + ".checkpoints\n"
            + "http:\n"
            + "  bind: 127.0.0.1:0\n"
            + "  auth: {token_file: '"
            + dir.resolve("http.token")
            + "'}\n"
            + "audit: {topic: "
            + topic
            + ".audit}\n");
  }

  private static HttpResponse<String> reload(Gateway gw, @Nullable String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpPort() + "/v1/reload"))
            .timeout(Duration.ofSeconds(70))
            .POST(HttpRequest.BodyPublishers.ofString(""));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Gateway start(Path file) {
    return Gateway.start(ConfigSnapshot.read(file), Clock.system(), Duration.ofSeconds(5));
  }

  private static double lag(Gateway gw) {
    var gauge = gw.registry().find("gateway.audit.upload.lag").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  @Test
  void theDaemonAuditsItsLifeVerifiablyWithoutSecretsAndUploadsItOnce(EmbeddedKafka kafka)
      throws Exception {
    String topic = "audit-e2e-" + System.nanoTime();
    kafka.createTopic(topic, 1, false);
    kafka.createTopic(topic + ".checkpoints", 1, true);
    kafka.createTopic(topic + ".audit", 1, false);
    tokenFile(TOKEN);
    Path config = dir.resolve("gateway.yaml");
    writeConfig(config, kafka, topic, "72h");
    Path log = dir.resolve("data").resolve("audit.log");
    String startedSha = ConfigSnapshot.read(config).sha256();

    try (Gateway gw = start(config)) {
      writeConfig(config, kafka, topic, "48h");
      assertThat(reload(gw, TOKEN).statusCode()).isEqualTo(200); // reload: buffer.ttl
      Files.writeString(config, Files.readString(config).replace("ttl: 48h", "ttl: soon"));
      assertThat(reload(gw, TOKEN).body()).contains("\"ok\":false"); // reload_failed
      assertThat(reload(gw, WRONG).statusCode()).isEqualTo(401); // auth_failure
      writeConfig(config, kafka, topic, "48h");
      tokenFile(ROTATED);
      assertThat(reload(gw, TOKEN).statusCode()).isEqualTo(200); // reload: http.auth
      await().atMost(Duration.ofSeconds(60)).until(() -> lag(gw) == 0);
    }

    List<AuditRecord> records = Files.readAllLines(log).stream().map(AuditRecord::parse).toList();
    assertThat(records.stream().map(AuditRecord::kind))
        .containsExactly(
            "start", "reload", "reload_failed", "auth_failure", "reload", "stop", "checkpoint");
    assertThat(records.get(1).detail()).containsEntry("changed", List.of("buffer.max_bytes/ttl"));
    assertThat(records.get(2).detail())
        .containsEntry("reason", "invalid")
        .containsEntry("keys", List.of("buffer.ttl"));
    assertThat(records.get(3).detail())
        .containsEntry("route", "/v1/reload")
        .containsEntry("reason", "invalid");
    assertThat(records.get(4).detail()).containsEntry("changed", List.of("http.auth"));
    assertThat(records.get(0).detail())
        .containsEntry("config_sha256", startedSha)
        .containsKey("version");
    String text = Files.readString(log);
    assertThat(text).doesNotContain(TOKEN).doesNotContain(ROTATED).doesNotContain(WRONG);
    assertThat(text).doesNotContain("soon"); // a bad value is not recorded either, only its key

    CliRun verify = CliRun.of("audit", "verify", "--config", config.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out().trim()).isEqualTo("verified 7 records, head " + records.get(6).hash());
    // the stop record and the last checkpoint are uploaded at stop, not only at the next start
    assertThat(kcat(kafka.bootstrapServers(), topic + ".audit")).isEqualTo(Files.readAllLines(log));
    CliRun pubkey = CliRun.of("audit", "pubkey", "--config", config.toString());
    assertThat(pubkey.out()).startsWith("-----BEGIN PUBLIC KEY-----");

    // a restart resumes the upload after the committed seq: every record once, in order
    try (Gateway gw = start(config)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> lag(gw) == 0);
    }
    List<String> local = Files.readAllLines(log);
    List<String> uploaded = kcat(kafka.bootstrapServers(), topic + ".audit");
    assertThat(uploaded).isEqualTo(local); // both runs, each up to its stop and last checkpoint
    // the committed seq is the checkpoint <robot>/.audit, beside (not among) the stream checkpoints
    List<String> checkpoints =
        Kcat.lines(kafka.bootstrapServers(), topic + ".checkpoints", "%k %s\\n");
    assertThat(checkpoints).last().isEqualTo("hx-audit/.audit " + uploaded.size());

    CliRun intact =
        CliRun.of(
            "audit",
            "verify",
            "--config",
            config.toString(),
            "--bootstrap",
            kafka.bootstrapServers());
    assertThat(intact.exit()).as(intact.err()).isZero();

    // a cut tail: the local log loses the lines Kafka already holds
    List<String> cut = local.subList(0, uploaded.size() - 2);
    Files.writeString(log, String.join("\n", cut) + "\n");
    CliRun offline = CliRun.of("audit", "verify", "--config", config.toString());
    assertThat(offline.exit()).as("a prefix is a valid chain on its own").isZero();
    CliRun online =
        CliRun.of(
            "audit",
            "verify",
            "--config",
            config.toString(),
            "--bootstrap",
            kafka.bootstrapServers());
    assertThat(online.exit()).isEqualTo(1);
    assertThat(online.err()).contains("tampered at seq " + (cut.size() + 1)).contains("cut tail");
  }

  @Test
  void aCorruptQueueFileMovedAsideAtStartIsAudited(EmbeddedKafka kafka) throws Exception {
    String topic = "audit-q-" + System.nanoTime();
    kafka.createTopic(topic, 1, false);
    kafka.createTopic(topic + ".checkpoints", 1, true);
    kafka.createTopic(topic + ".audit", 1, false);
    tokenFile(TOKEN);
    Path config = dir.resolve("gateway.yaml");
    writeConfig(config, kafka, topic, "72h");
    Files.createDirectories(dir.resolve("data"));
    Files.write(dir.resolve("data").resolve("queue.db"), new byte[8192]); // not a database
    try (Gateway gw = start(config)) {
      assertThat(gw.queueStats().quarantinedFiles()).isPositive();
    }
    List<AuditRecord> records =
        Files.readAllLines(dir.resolve("data").resolve("audit.log")).stream()
            .map(AuditRecord::parse)
            .toList();
    assertThat(records.stream().map(AuditRecord::kind))
        .containsExactly("quarantine", "start", "stop", "checkpoint");
    assertThat((Long) records.get(0).detail().get("files")).isPositive();
  }

  @Test
  void aChangedByteFailsVerifyNamingTheSeqAndAMissingConfigIsAUsageError() throws Exception {
    Path data = dir.resolve("data");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "gateway: {robot_id: hx-audit2, data_dir: '" + data + "'}\n");
    var keys = io.edgegateway.core.audit.AuditKeys.loadOrCreate(data.resolve("audit.key"));
    try (var log =
        io.edgegateway.core.audit.FileAuditLog.open(
            data.resolve("audit.log"),
            keys,
            Clock.system(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      for (int i = 0; i < 4; i++) {
        log.append(io.edgegateway.core.audit.AuditKind.RELOAD, "test", java.util.Map.of("i", i));
      }
    }
    Path file = data.resolve("audit.log");
    Files.writeString(file, Files.readString(file).replace("\"i\":2", "\"i\":7"));
    CliRun bad = CliRun.of("audit", "verify", "--config", config.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("tampered at seq 3");
    assertThat(CliRun.of("audit", "verify", "--config", dir.resolve("nope.yaml").toString()).exit())
        .isEqualTo(2);
  }

  /** The committed values of {@code topic}, in order, read by kcat (read_committed). */
  private static List<String> kcat(String bootstrap, String topic) throws Exception {
    return Kcat.lines(bootstrap, topic, "%k %s\\n").stream()
        .peek(l -> assertThat(l).startsWith("hx-audit "))
        .map(l -> l.substring("hx-audit ".length()))
        .toList();
  }
}
