package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.SaslSettings.Mechanism;
import io.edgegateway.core.config.Secret;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SaslListener;
import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCRAM-SHA-512 through the same {@code uplink.kafka.sasl} section, against the SASL listener with
 * a credential created by the Admin API: delivers exactly once; a wrong password is an
 * authentication failure that names no secret and leaves the batches for a retry.
 */
class KafkaUplinkScramTest {
  private static final String PASSWORD = "PLANTED-scram-password-8d2b";

  @TempDir Path dir;

  @Test
  void scramSha512DeliversExactlyOnce_andAWrongPasswordFailsWithoutShowingIt() throws Exception {
    try (TestTokenEndpoint idp =
            TestTokenEndpoint.start("unused", "unused-secret", Duration.ofMinutes(5));
        CapturedLogs logs = new CapturedLogs()) {
      SaslListener sasl = SaslListener.create(idp, Duration.ofMinutes(5));
      try (EmbeddedKafka kafka = sasl.kafka().start()) {
        kafka.createTopic("scram", 1, false);
        kafka.createTopic("scram-checkpoints", 1, true);
        sasl.createScramUser("robot-7", PASSWORD);

        SaslSettings good =
            SaslSettings.scram(
                Mechanism.SCRAM_SHA_512, "robot-7", dir.resolve("pw"), new Secret(PASSWORD));
        long last;
        try (KafkaUplink uplink = create(sasl, "robot-scram", good);
            SaslSender sender = new SaslSender(uplink)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> sender.delivered.get() >= 50);
          sender.close();
          assertThat(sender.unexpected.get()).isNull();
          assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
          last = sender.delivered.get();
          KafkaUplinkOAuthBearerTest.assertNoSecret(logs.lines(), uplink, good);
        }
        KafkaUplinkOAuthBearerTest.assertExactlyOnce(kafka, last, "scram");

        SaslSettings wrong =
            SaslSettings.scram(
                Mechanism.SCRAM_SHA_512,
                "robot-7",
                dir.resolve("pw"),
                new Secret(PASSWORD + "-wrong"));
        try (KafkaUplink uplink = create(sasl, "robot-scram-wrong", wrong)) {
          TestBatches batches = new TestBatches();
          assertThatThrownBy(
                  () ->
                      uplink.deliver(
                          List.of(batches.batch("telemetry", 1)), Duration.ofSeconds(20)))
              .isInstanceOf(UplinkException.class)
              .hasMessageContaining("Authentication failed")
              .hasMessageNotContaining(PASSWORD)
              .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
          assertThat(uplink.state()).isNotEqualTo(UplinkState.CONNECTED);
        }
        assertThat(logs.lines()).noneMatch(l -> l.contains(PASSWORD));
      }
    }
  }

  private static KafkaUplink create(SaslListener sasl, String robot, SaslSettings settings) {
    return KafkaUplink.create(
        robot,
        sasl.saslBootstrapServers(),
        Map.of(),
        Map.of("telemetry", "scram"),
        "scram-checkpoints",
        null,
        DictionaryLookup.NONE,
        Optional.empty(),
        SaslCredentials.of(Optional.of(settings)));
  }
}
