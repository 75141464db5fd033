package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.Secret;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SaslListener;
import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import io.edgegateway.testkit.oauth.TestTokenEndpoint.Mode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAUTHBEARER against a real broker that validates RS256 JWTs with the JWKS of a test token
 * endpoint and makes every SASL connection re-authenticate every few seconds (KIP-368), so a client
 * that does not refresh its token before it expires is thrown out. The token endpoint issues
 * short-lived tokens, goes down, returns garbage and answers slowly; the client secret is a planted
 * string looked for in every log line, message and {@code toString}.
 */
class KafkaUplinkOAuthBearerTest {
  static final String CLIENT_ID = "edge-robot-7";
  static final String SECRET = "PLANTED-client-secret-4f1c9a2e7b";
  private static final String CHECKPOINTS = "oauth-checkpoints";

  private static TestTokenEndpoint idp;
  private static SaslListener sasl;
  private static EmbeddedKafka kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    idp = TestTokenEndpoint.start(CLIENT_ID, SECRET, Duration.ofSeconds(15));
    sasl = SaslListener.create(idp, Duration.ofSeconds(4));
    kafka = sasl.kafka().start();
    kafka.createTopic(CHECKPOINTS, 1, true);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
    idp.close();
  }

  @BeforeEach
  void endpointUp() {
    idp.mode(Mode.OK);
    idp.lifetime(Duration.ofSeconds(15));
  }

  @Test
  void tokensAreRefreshedBeforeExpiryWhileDeliveringWithoutAuthFailuresLossOrDuplicates()
      throws Exception {
    SaslSettings settings = settings(SECRET);
    long issuedBefore = idp.issued();
    long reauthBefore = brokerMetric("successful-reauthentication-total");
    try (CapturedLogs logs = new CapturedLogs();
        KafkaUplink uplink =
            create(
                "robot-refresh",
                settings,
                "oauth-refresh",
                // refresh timing tuned through properties, next to the section
                Map.of(
                    "sasl.login.refresh.min.period.seconds", "5",
                    "sasl.login.refresh.buffer.seconds", "3"))) {
      long last;
      try (SaslSender sender = new SaslSender(uplink)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.delivered.get() >= 1);
        int failuresBeforeFirst = sender.failures.size();
        // 15 s tokens refreshed at ~80 % of their life: 4 refreshes take about a minute
        await()
            .atMost(Duration.ofSeconds(150))
            .until(() -> idp.issued() - issuedBefore >= 5 || sender.unexpected.get() != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.delivered.get() >= 200);
        sender.close();
        assertThat(sender.unexpected.get()).isNull();
        assertThat(sender.failures.subList(failuresBeforeFirst, sender.failures.size()))
            .as("deliveries that failed after the first success")
            .isEmpty();
        last = sender.delivered.get();
      }
      assertThat(idp.refused()).isZero();
      assertThat(brokerMetric("failed-authentication-total")).isZero();
      assertThat(brokerMetric("failed-reauthentication-total")).isZero();
      assertThat(brokerMetric("successful-reauthentication-total") - reauthBefore)
          .as("the broker made the client re-authenticate with its refreshed tokens")
          .isPositive();
      assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
      assertExactlyOnce(kafka, last, topic);
      assertNoSecret(logs.lines(), uplink, settings);
    }
  }

  @Test
  void aTokenEndpointThatIsDownGarbledOrSlowLeavesTheUplinkNotConnectedAndNothingIsLost()
      throws Exception {
    SaslSettings settings = settings(SECRET);
    idp.mode(Mode.DOWN);
    idp.lifetime(Duration.ofSeconds(8));
    try (CapturedLogs logs = new CapturedLogs();
        KafkaUplink uplink = create("robot-outage", settings, "oauth-outage", Map.of())) {
      long last;
      try (SaslSender sender = new SaslSender(uplink)) {
        // down at start: no token, so no producer: deliveries fail, the uplink is not connected.
        // Which words a failure has depends on timing: a delivery that times out while Kafka's
        // login is still retrying says so; one that sees the login give up names its root cause.
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    sender.failures.stream()
                        .anyMatch(
                            m ->
                                m.contains("Connection refused")
                                    || m.contains("its SASL login is still retrying")));
        assertThat(sender.delivered.get()).isZero();
        assertThat(uplink.state()).isNotEqualTo(UplinkState.CONNECTED);

        idp.mode(Mode.OK);
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.delivered.get() >= 20);

        // garbage: refreshes fail, the token in use expires, re-authentication fails
        idp.mode(Mode.GARBAGE);
        long atGarbage = sender.failures.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.failures.size() > atGarbage);
        idp.mode(Mode.OK);
        long afterGarbage = sender.delivered.get();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> sender.delivered.get() >= afterGarbage + 20);

        // slow: answers after the client's 10 s read timeout
        idp.slowDelay(Duration.ofSeconds(25));
        idp.mode(Mode.SLOW);
        long atSlow = sender.failures.size();
        await().atMost(Duration.ofSeconds(90)).until(() -> sender.failures.size() > atSlow);
        idp.mode(Mode.OK);
        long afterSlow = sender.delivered.get();
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> sender.delivered.get() >= afterSlow + 20);
        sender.close();
        assertThat(sender.unexpected.get()).isNull();
        last = sender.delivered.get();
        for (String failure : sender.failures) {
          assertThat(failure).doesNotContain("\n").doesNotContain(SECRET);
        }
      }
      assertExactlyOnce(kafka, last, topic);
      assertThat(logs.lines(Level.WARN, "io.edgegateway"))
          .as("the gateway's own warnings are single lines")
          .allMatch(l -> !l.contains("\n\tat "));
      assertNoSecret(logs.lines(), uplink, settings);
    }
  }

  private SaslSettings settings(String secret) throws Exception {
    Path file = dir.resolve("client-secret");
    Files.writeString(file, secret + "\n");
    return SaslSettings.oauthBearer(
        idp.tokenUri(), CLIENT_ID, file, new Secret(secret), Optional.of("kafka"));
  }

  private String topic = "";

  private KafkaUplink create(
      String robot, SaslSettings settings, String streamTopic, Map<String, String> properties) {
    topic = streamTopic;
    kafka.createTopic(streamTopic, 1, false);
    return KafkaUplink.create(
        robot,
        sasl.saslBootstrapServers(),
        properties,
        Map.of("telemetry", streamTopic),
        CHECKPOINTS,
        null,
        DictionaryLookup.NONE,
        Optional.empty(),
        SaslCredentials.of(Optional.of(settings)));
  }

  /** Batches 1..last on {@code topic}, each once, committed (read back over PLAINTEXT). */
  static void assertExactlyOnce(EmbeddedKafka kafka, long last, String topic) {
    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(), topic, BatchReader.StartPosition.EARLIEST, Map.of())) {
      List<ReceivedBatch> received = new ArrayList<>(Readers.readAtLeast(reader, (int) last));
      received.addAll(reader.poll(Duration.ofMillis(500)));
      assertThat(received)
          .extracting(r -> r.batch().getBatchSeq())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
      assertThat(reader.duplicates()).isZero();
      assertThat(reader.gaps()).isZero();
    }
  }

  static void assertNoSecret(List<String> lines, KafkaUplink uplink, SaslSettings settings) {
    assertThat(lines).isNotEmpty();
    assertThat(lines).noneMatch(l -> l.contains(SECRET));
    assertThat(String.valueOf(uplink.state())).doesNotContain(SECRET);
    assertThat(uplink.toString()).doesNotContain(SECRET);
    assertThat(settings.toString()).doesNotContain(SECRET);
  }

  /** A broker socket-server metric of the SASL listener, summed over its network processors. */
  static long brokerMetric(String attribute) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long sum = 0;
    for (ObjectName name :
        server.queryNames(
            new ObjectName(
                "kafka.server:type=socket-server-metrics,listener=SASL_PLAINTEXT,networkProcessor=*"),
            null)) {
      sum += ((Number) server.getAttribute(name, attribute)).longValue();
    }
    return sum;
  }
}
