package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.rule;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SaslListener;
import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon with {@code uplink.kafka.sasl} OAUTHBEARER from its config file against a broker that
 * validates the tokens of a test token endpoint: samples reach Kafka once, {@code /v1/status} says
 * connected, and the planted client secret is in no log line (Kafka clients at INFO), no {@code
 * /v1/status}, no {@code /metrics} and not in the config's {@code toString}.
 */
class SaslEndToEndTest {
  private static final String CHATTER = GatewayFixture.STRING_TOPIC;
  private static final String IMU = GatewayFixture.IMU_TOPIC;
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final String KAFKA_TOPIC = "e2e.sasl";
  private static final String SECRET = "PLANTED-e2e-client-secret-77a1";

  @TempDir Path dir;

  @Test
  void samplesGoOverOauthBearer_andTheClientSecretShowsNowhere() throws Exception {
    Path secretFile = dir.resolve("client-secret");
    Files.writeString(secretFile, SECRET + "\n");
    int domain = DdsDomains.forTest(getClass(), 0);
    List<String> lines = new CopyOnWriteArrayList<>();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger clients = context.getLogger("org.apache.kafka.clients");
    Level clientsBefore = clients.getLevel();
    AppenderBase<ILoggingEvent> capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            lines.add(
                e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : ThrowableProxyUtil.asString(e.getThrowableProxy())));
          }
        };
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
    clients.setLevel(Level.INFO);
    try (TestTokenEndpoint idp =
        TestTokenEndpoint.start("robot-sasl", SECRET, Duration.ofSeconds(30))) {
      SaslListener sasl = SaslListener.create(idp, Duration.ofSeconds(10));
      try (EmbeddedKafka kafka = sasl.kafka().start()) {
        GatewayFixture.createTopics(kafka, KAFKA_TOPIC);
        kafka.createTopic("edge.audit.v1", 1, false); // the default audit.topic
        Path file = dir.resolve("gateway.yaml");
        String bootstrap = sasl.saslBootstrapServers();
        String yaml =
            ReloadFixture.yaml(
                    "sasl-robot",
                    dir.resolve("data"),
                    domain,
                    bootstrap,
                    KAFKA_TOPIC,
                    rule(CHATTER, RosSamples.STRING_TYPE, "") + rule(IMU, RosSamples.IMU_TYPE, ""),
                    "",
                    "127.0.0.1:0")
                .replace(
                    "  kafka: {bootstrap_servers: '" + bootstrap + "'}\n",
                    "  kafka:\n"
                        + "    bootstrap_servers: '"
                        + bootstrap
                        + "'\n"
                        + "    sasl:\n"
                        + "      mechanism: OAUTHBEARER\n"
                        + "      token_endpoint: "
                        + idp.tokenUri()
                        + "\n      client_id: robot-sasl\n"
                        + "      client_secret_file: "
                        + secretFile
                        + "\n");
        assertThat(yaml).contains("sasl:");
        Files.writeString(file, yaml);
        ConfigSnapshot snapshot = ConfigSnapshot.read(file);
        try (Gateway gateway = Gateway.start(snapshot, Clock.system(), Duration.ofSeconds(10))) {
          GatewayFixture.publishStringsAndImus(domain, 20, 5, LONG);
          GatewayFixture.assertEveryAcceptedSampleOnce(
              gateway, kafka.bootstrapServers(), KAFKA_TOPIC, 25, LONG);
          JsonNode status = status(gateway.httpPort());
          assertThat(status.get("uplink").get("state").asText()).isEqualTo("connected");
          assertThat(status.toString()).doesNotContain(SECRET);
          assertThat(Http.get(gateway.httpPort(), "/metrics").body()).doesNotContain(SECRET);
          assertThat(snapshot.toString()).doesNotContain(SECRET);
          assertThat(idp.issued()).isPositive();
          assertThat(idp.refused()).isZero();
          // the audit log goes up over SASL too (its producer gets the section's properties)
          await()
              .atMost(LONG)
              .until(
                  () -> {
                    var lag = gateway.registry().find("gateway.audit.upload.lag").gauge();
                    return lag != null && lag.value() == 0;
                  });
        }
      }
    } finally {
      root.detachAppender(capture);
      clients.setLevel(clientsBefore);
    }
    assertThat(lines).anyMatch(l -> l.contains("SASL OAUTHBEARER over SASL_PLAINTEXT"));
    assertThat(lines).noneMatch(l -> l.contains(SECRET));
  }
}
