package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import io.edgegateway.uplink.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Pattern rules driven by topic discovery, end to end: a Cyclone DDS C publisher appears on a topic
 * a glob rule without {@code type} matches, the gateway subscribes with the discovered type, the
 * samples land in Kafka, and the subscription is released when the publisher exits. A topic whose
 * discovered type contradicts its rule's {@code type} is not subscribed and logs one warning.
 */
@ExtendWith(SharedKafkaExtension.class)
class DiscoveryEndToEndTest {
  private static final int N = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger discoveryLog =
      (Logger) LoggerFactory.getLogger(DiscoveredSubscriptions.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    discoveryLog.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    discoveryLog.detachAppender(logged);
  }

  private GatewayConfig config(int domain, String bootstrap, String kafkaTopic) {
    String yaml =
        "gateway: {robot_id: hx-disc, data_dir: '"
            + dir.resolve("data")
            + "'}\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - match: /mismatch_*\n"
            + "      type: sensor_msgs/msg/Imu\n"
            + "    - match: /disc_*\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "buffer:\n"
            + "  batch: {max_bytes: 16KiB, linger_ms: 100}\n"
            + GatewayFixture.uplinkYaml(bootstrap, kafkaTopic)
            + "http:\n"
            + "  bind: 127.0.0.1:0\n";
    return ConfigLoader.parse("test.yaml", yaml, name -> null).orElseThrow();
  }

  @Test
  void patternRuleSubscribesDiscoveredTopicAndReleasesItWhenThePublisherLeaves(EmbeddedKafka kafka)
      throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String kafkaTopic = "e2e.discovery.telemetry";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    String topic = DdsDomains.uniqueTopic("disc");
    String mismatched = DdsDomains.uniqueTopic("mismatch");

    try (Gateway gateway =
        Gateway.start(
            config(domain, kafka.bootstrapServers(), kafkaTopic), Clock.system(), TIMEOUT)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> Http.get(gateway.httpPort(), "/v1/status").body().contains("\"running\""));

      // The publisher writes only after a reader matched: the discovered subscription.
      try (CycloneProcess publisher =
          GatewayFixture.cyclone().startPublisher(domain, topic, N, "/unused", 0, TIMEOUT)) {
        assertThat(publisher.waitFor(TIMEOUT))
            .as("publisher exit code; stderr: %s", publisher.stderr())
            .isZero();
      }
      List<ReceivedBatch> batches =
          GatewayFixture.readUntil(kafka.bootstrapServers(), kafkaTopic, N, TIMEOUT);
      assertThat(GatewayFixture.recordsOf(batches, topic))
          .hasSize(N)
          .extracting(r -> r.getPayload().toByteArray())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, N)
                  .mapToObj(GatewayFixture::expectedString)
                  .toList());
      assertThat(batches)
          .flatExtracting(b -> b.batch().getTopicsList())
          .allSatisfy(t -> assertThat(t.getType()).isEqualTo("std_msgs/msg/String"));

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  // The bus's subscriptions drop it; the completeness ledger keeps its counts.
                  assertThat(
                          new ObjectMapper()
                              .readTree(Http.get(gateway.httpPort(), "/v1/status").body())
                              .path("bus")
                              .path("subscriptions")
                              .toString())
                      .doesNotContain(topic));
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).contains(topic + ": last publisher gone"));

      // A String publisher where the rule says Imu: warned about, never matched by a reader.
      try (CycloneProcess publisher =
          GatewayFixture.cyclone()
              .startPublisher(domain, mismatched, 1, "/unused", 0, Duration.ofSeconds(3))) {
        assertThat(publisher.waitFor(TIMEOUT)).as("exit 2: no reader matched").isEqualTo(2);
      }
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(m -> m.contains(mismatched))
          .containsExactly(
              "rule /mismatch_*: topic "
                  + mismatched
                  + " has type std_msgs/msg/String on the bus, the rule says sensor_msgs/msg/Imu;"
                  + " not subscribed");
    }
  }
}
