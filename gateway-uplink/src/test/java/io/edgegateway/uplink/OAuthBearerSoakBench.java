package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.Secret;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SaslListener;
import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full OAUTHBEARER scenario, not run in CI: 60 s tokens, {@code bench.oauth.minutes}
 * (default 5) of continuous upload through {@link KafkaUplink} with the gateway's default refresh
 * settings, a broker that re-authenticates every connection every 30 s. Prints the tokens issued,
 * the broker's authentication counters and the batches delivered, then checks at least 4 refreshes,
 * 0 authentication failures and every batch once. Run:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl gateway-uplink -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dtest=OAuthBearerSoakBench -Dbench.oauth=true [-Dbench.oauth.minutes=5]
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench.oauth", matches = "true")
class OAuthBearerSoakBench {
  @TempDir Path dir;

  @Test
  void sixtySecondTokensForFiveMinutesOfUpload() throws Exception {
    long minutes = Long.getLong("bench.oauth.minutes", 5);
    String secret = "PLANTED-bench-secret-19e0";
    Path file = dir.resolve("client-secret");
    Files.writeString(file, secret);
    try (TestTokenEndpoint idp =
            TestTokenEndpoint.start("edge-robot-7", secret, Duration.ofSeconds(60));
        CapturedLogs logs = new CapturedLogs()) {
      SaslListener sasl = SaslListener.create(idp, Duration.ofSeconds(30));
      try (EmbeddedKafka kafka = sasl.kafka().start()) {
        kafka.createTopic("soak", 1, false);
        kafka.createTopic("soak-checkpoints", 1, true);
        SaslSettings settings =
            SaslSettings.oauthBearer(
                idp.tokenUri(), "edge-robot-7", file, new Secret(secret), Optional.empty());
        long last;
        int failuresAfterFirst;
        long startNs;
        try (KafkaUplink uplink =
                KafkaUplink.create(
                    "robot-soak",
                    sasl.saslBootstrapServers(),
                    Map.of(),
                    Map.of("telemetry", "soak"),
                    "soak-checkpoints",
                    null,
                    DictionaryLookup.NONE,
                    Optional.empty(),
                    SaslCredentials.of(Optional.of(settings)));
            SaslSender sender = new SaslSender(uplink)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> sender.delivered.get() >= 1);
          int before = sender.failures.size();
          startNs = System.nanoTime();
          await()
              .pollInterval(Duration.ofSeconds(5))
              .atMost(Duration.ofMinutes(minutes + 1))
              .until(() -> System.nanoTime() - startNs >= TimeUnit.MINUTES.toNanos(minutes));
          sender.close();
          assertThat(sender.unexpected.get()).isNull();
          failuresAfterFirst = sender.failures.size() - before;
          last = sender.delivered.get();
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf(
            "OAUTHBEARER soak: %.0f s, tokens issued %d (refreshes %d), token requests refused %d,"
                + " broker: authentications ok %d failed %d, re-authentications ok %d failed %d;"
                + " batches delivered %d, failed deliveries after the first %d%n",
            seconds,
            idp.issued(),
            idp.issued() - 1,
            idp.refused(),
            KafkaUplinkOAuthBearerTest.brokerMetric("successful-authentication-total"),
            KafkaUplinkOAuthBearerTest.brokerMetric("failed-authentication-total"),
            KafkaUplinkOAuthBearerTest.brokerMetric("successful-reauthentication-total"),
            KafkaUplinkOAuthBearerTest.brokerMetric("failed-reauthentication-total"),
            last,
            failuresAfterFirst);
        assertThat(idp.issued() - 1).isGreaterThanOrEqualTo(4);
        assertThat(KafkaUplinkOAuthBearerTest.brokerMetric("failed-authentication-total")).isZero();
        assertThat(KafkaUplinkOAuthBearerTest.brokerMetric("failed-reauthentication-total"))
            .isZero();
        assertThat(failuresAfterFirst).isZero();
        KafkaUplinkOAuthBearerTest.assertExactlyOnce(kafka, last, "soak");
        assertThat(logs.lines()).noneMatch(l -> l.contains(secret));
      }
    }
  }
}
