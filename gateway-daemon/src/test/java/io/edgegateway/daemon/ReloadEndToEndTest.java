package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.ledger;
import static io.edgegateway.daemon.ReloadFixture.metric;
import static io.edgegateway.daemon.ReloadFixture.rule;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload end to end, with a real Kafka broker and real DDS peers: rules added, removed and
 * changed without a restart and without losing or duplicating a sample; bad reloads keep the last
 * good config, say why, and lose nothing.
 */
@ExtendWith(SharedKafkaExtension.class)
class ReloadEndToEndTest {
  private static final String CHATTER = GatewayFixture.STRING_TOPIC;
  private static final String IMU = GatewayFixture.IMU_TOPIC;
  private static final String CHATTER_RULE = rule(CHATTER, RosSamples.STRING_TYPE, "");
  private static final String IMU_RULE = rule(IMU, RosSamples.IMU_TYPE, "");
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Path file;
  private int domain;
  private String bootstrap;
  private String kafkaTopic;

  private void setUp(EmbeddedKafka kafka, int index, String kafkaTopic) {
    this.file = dir.resolve("gateway.yaml");
    this.domain = DdsDomains.forTest(getClass(), index);
    this.bootstrap = kafka.bootstrapServers();
    this.kafkaTopic = kafkaTopic;
    GatewayFixture.createTopics(kafka, kafkaTopic);
  }

  private void write(String topics, String buffer) throws Exception {
    write(topics, buffer, dir.resolve("data"), "127.0.0.1:0");
  }

  private void write(String topics, String buffer, Path data, String bind) throws Exception {
    Files.writeString(
        file,
        ReloadFixture.yaml("hx-reload", data, domain, bootstrap, kafkaTopic, topics, buffer, bind));
  }

  private Gateway start() {
    return Gateway.start(ConfigSnapshot.read(file), Clock.system(), Duration.ofSeconds(10));
  }

  private static long accepted(Gateway gateway, String topic) throws Exception {
    JsonNode line = ledger(status(gateway.httpPort()), topic);
    return line == null ? 0 : line.get("accepted").asLong();
  }

  /** Every accepted sample of {@code topic} is in Kafka exactly once: seqs 1..accepted. */
  private void assertNoneLostOrDuplicated(Gateway gateway, String topic) throws Exception {
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              JsonNode line = ledger(status(gateway.httpPort()), topic);
              assertThat(line.get("uploaded").asLong()).isEqualTo(line.get("accepted").asLong());
            });
    JsonNode line = ledger(status(gateway.httpPort()), topic);
    long accepted = line.get("accepted").asLong();
    assertThat(line.get("lost_before_commit").asLong()).isZero();
    assertThat(line.get("intake_dropped").asLong()).isZero();
    List<Record> records =
        GatewayFixture.recordsOf(
            GatewayFixture.readUntil(bootstrap, kafkaTopic, (int) accepted, LONG), topic);
    assertThat(records.stream().map(Record::getSeq).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, accepted).boxed().toList());
  }

  @Test
  void aReloadThatAddsRules_subscribesTheirTopicsAndTheirSamplesReachKafka(EmbeddedKafka kafka)
      throws Exception {
    setUp(kafka, 0, "e2e.reload.add");
    write(IMU_RULE, "");
    try (Gateway gateway = start()) {
      assertThat(status(gateway.httpPort()).get("bus").get("subscriptions").toString())
          .doesNotContain(CHATTER);
      write(IMU_RULE + CHATTER_RULE, "");

      JsonNode reply = ReloadFixture.reload(gateway);

      assertThat(reply.get("ok").asBoolean()).as("%s", reply).isTrue();
      assertThat(reply.get("generation").asLong()).isEqualTo(2);
      JsonNode s = status(gateway.httpPort());
      assertThat(s.get("bus").get("subscriptions").toString()).contains(CHATTER, IMU);
      assertThat(s.get("config").get("generation").asLong()).isEqualTo(2);
      assertThat(s.get("config").get("sha256").asText())
          .isEqualTo(ConfigSnapshot.sha256(Files.readAllBytes(file)));
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, CHATTER, 20, IMU, 5)) {
        assertThat(publisher.waitFor(LONG)).as("stderr: %s", publisher.stderr()).isZero();
      }
      List<Record> chatter =
          GatewayFixture.recordsOf(
              GatewayFixture.readUntil(bootstrap, kafkaTopic, 25, LONG), CHATTER);
      assertThat(chatter).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(chatter.get(i).getPayload().toByteArray())
            .isEqualTo(GatewayFixture.expectedString(i));
      }
      String scrape = Http.get(gateway.httpPort(), "/metrics").body();
      assertThat(metric(scrape, "gateway_config_reloads_total")).isEqualTo(1.0);
      assertThat(metric(scrape, "gateway_config_reload_failures_total")).isZero();
      assertThat(metric(scrape, "gateway_config_generation")).isEqualTo(2.0);
    }
  }

  @Test
  void aReloadThatAddsAPatternRule_startsDiscoveryAndSubscribesWhatItFinds(EmbeddedKafka kafka)
      throws Exception {
    setUp(kafka, 4, "e2e.reload.pattern");
    write(IMU_RULE, "");
    String topic = DdsDomains.uniqueTopic("reloaded");
    try (Gateway gateway = start()) {
      assertThat(status(gateway.httpPort()).get("bus").get("discovery").asText()).isEqualTo("off");
      write(
          IMU_RULE
              + "    - match: /reloaded_*\n"
              + "      qos: {reliability: reliable, history: keep_all}\n",
          "");

      assertThat(ReloadFixture.reload(gateway).get("ok").asBoolean()).isTrue();
      await()
          .atMost(LONG)
          .until(
              () ->
                  status(gateway.httpPort())
                      .get("bus")
                      .get("discovery")
                      .asText()
                      .equals("running"));
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, topic, 20, "/unused", 0, LONG)) {
        assertThat(publisher.waitFor(LONG)).as("stderr: %s", publisher.stderr()).isZero();
      }
      List<Record> records =
          GatewayFixture.recordsOf(
              GatewayFixture.readUntil(bootstrap, kafkaTopic, 20, LONG), topic);
      assertThat(records)
          .extracting(Record::getSeq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    }
  }

  @Test
  void aReloadThatRemovesARule_stopsItWithNoSampleLostOrDuplicated(EmbeddedKafka kafka)
      throws Exception {
    setUp(kafka, 1, "e2e.reload.remove");
    write(CHATTER_RULE + IMU_RULE, "");
    try (Gateway gateway = start();
        ReloadPublisher publisher = new ReloadPublisher(domain, CHATTER)) {
      publisher.startStreaming();
      await().atMost(LONG).until(() -> accepted(gateway, CHATTER) >= 300);
      write(IMU_RULE, "");

      JsonNode reply = ReloadFixture.reload(gateway); // while samples keep coming

      assertThat(reply.get("ok").asBoolean()).as("%s", reply).isTrue();
      long atUnsubscribe = accepted(gateway, CHATTER);
      Thread.sleep(500); // the publisher keeps publishing: nothing more may be accepted
      publisher.stop();
      assertThat(accepted(gateway, CHATTER)).isEqualTo(atUnsubscribe);
      assertThat(status(gateway.httpPort()).get("bus").get("subscriptions").toString())
          .doesNotContain(CHATTER);
      assertNoneLostOrDuplicated(gateway, CHATTER);
    }
  }

  @Test
  void aChangedSamplingRule_takesEffectFromTheNextSample(EmbeddedKafka kafka) throws Exception {
    setUp(kafka, 2, "e2e.reload.change");
    write(CHATTER_RULE, "");
    try (Gateway gateway = start();
        ReloadPublisher publisher = new ReloadPublisher(domain, CHATTER)) {
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                publisher.publishOne();
                return accepted(gateway, CHATTER) > 0;
              });
      await().pollDelay(Duration.ofMillis(300)).until(() -> true); // late warm-ups arrive
      long before = accepted(gateway, CHATTER);
      write(rule(CHATTER, RosSamples.STRING_TYPE, "      sample: {every_nth: 10}\n"), "");

      assertThat(ReloadFixture.reload(gateway).get("ok").asBoolean()).isTrue();
      for (int i = 0; i < 100; i++) {
        publisher.publishOne();
      }

      await().atMost(LONG).until(() -> accepted(gateway, CHATTER) == before + 100);
      List<Record> records =
          GatewayFixture.recordsOf(
              GatewayFixture.readUntil(bootstrap, kafkaTopic, (int) before + 10, LONG), CHATTER);
      assertThat(records).hasSize((int) before + 10);
      assertThat(Http.get(gateway.httpPort(), "/metrics").body())
          .contains(
              "gateway_sampler_dropped_total{reason=\"every_nth\",topic=\"" + CHATTER + "\"} 90.0");
    }
  }

  @Test
  void badReloadsKeepTheLastGoodConfigSayWhyAndLoseNothing(EmbeddedKafka kafka) throws Exception {
    setUp(kafka, 3, "e2e.reload.bad");
    write(CHATTER_RULE, "");
    String firstSha = ConfigSnapshot.sha256(Files.readAllBytes(file));
    try (Gateway gateway = start();
        ReloadPublisher publisher = new ReloadPublisher(domain, CHATTER)) {
      publisher.startStreaming();
      await().atMost(LONG).until(() -> accepted(gateway, CHATTER) >= 100);
      int port = gateway.httpPort();

      // a broken file: the loader's FILE:LINE:COL errors
      Files.writeString(file, "gateway:\n  robot_id: hx-reload\n  data_dirr: /x\n");
      var broken = ReloadFixture.post(port, "/v1/reload", "");
      assertThat(broken.statusCode()).isEqualTo(422);
      assertThat(ReloadFixture.JSON.readTree(broken.body()).get("error").asText())
          .containsPattern(file + ":3:3: gateway.data_dirr: ");
      assertRefused(port, 1, firstSha, file + ":3:3:");

      // a missing file
      Files.delete(file);
      assertThat(ReloadFixture.post(port, "/v1/reload", "").statusCode()).isEqualTo(422);
      assertRefused(port, 2, firstSha, "no such file");

      // restart-only keys: refused as a whole, the rule change with them not applied
      write(CHATTER_RULE + IMU_RULE, "", dir.resolve("elsewhere"), "127.0.0.1:1");
      assertThat(ReloadFixture.post(port, "/v1/reload", "").statusCode()).isEqualTo(422);
      assertRefused(port, 3, firstSha, "needs a restart: gateway.data_dir, http.bind");
      assertThat(status(port).get("bus").get("subscriptions").toString()).doesNotContain(IMU);

      // a burst of 20 SIGHUPs of a good file: one reload applies it, the rest coalesce
      write(CHATTER_RULE + IMU_RULE, "  max_bytes: 1GiB\n  ttl: 12h\n");
      for (int i = 0; i < 20; i++) {
        gateway.requestReload("SIGHUP");
      }
      await()
          .atMost(LONG)
          .until(() -> status(port).get("config").get("last_reload").get("ok").asBoolean());
      await().pollDelay(Duration.ofSeconds(1)).until(() -> true); // a coalesced second one ends
      JsonNode config = status(port).get("config");
      assertThat(config.get("generation").asLong()).isEqualTo(2);
      assertThat(config.get("last_reload").get("error").isNull()).isTrue();
      assertThat(status(port).get("bus").get("subscriptions").toString()).contains(IMU);
      String scrape = Http.get(port, "/metrics").body();
      assertThat(metric(scrape, "gateway_config_reloads_total")).isEqualTo(1.0);
      assertThat(metric(scrape, "gateway_config_reload_failures_total")).isEqualTo(3.0);
      assertThat(metric(scrape, "gateway_config_generation")).isEqualTo(2.0);

      publisher.stop();
      assertNoneLostOrDuplicated(gateway, CHATTER);
    }
  }

  private static void assertRefused(int port, int failures, String sha, String why)
      throws Exception {
    JsonNode config = status(port).get("config");
    assertThat(config.get("generation").asLong()).isEqualTo(1);
    assertThat(config.get("sha256").asText()).isEqualTo(sha);
    assertThat(config.get("last_reload").get("ok").asBoolean()).isFalse();
    assertThat(config.get("last_reload").get("error").asText()).contains(why);
    String scrape = Http.get(port, "/metrics").body();
    assertThat(metric(scrape, "gateway_config_reload_failures_total")).isEqualTo(failures);
    assertThat(metric(scrape, "gateway_config_reloads_total")).isZero();
    assertThat(metric(scrape, "gateway_config_generation")).isEqualTo(1.0);
  }
}
