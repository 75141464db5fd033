package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.SaslSettings.Mechanism;
import io.edgegateway.core.config.Secret;
import io.edgegateway.core.port.Uplink.UplinkState;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SaslListener;
import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SCRAM password rotated while the uplink runs: the broker asks every connection to
 * re-authenticate every 2 s ({@code connections.max.reauth.ms}), so after the broker's credential
 * changes, a client still on the old password fails within seconds. {@link SaslCredentials#rotate}
 * makes the uplink replace its producer before the next transaction; it goes on delivering, every
 * batch exactly once.
 */
class KafkaUplinkSaslRotationTest {
  private static final String OLD = "PLANTED-rotation-old-3f1c";
  private static final String NEW = "PLANTED-rotation-new-9a7e";

  @TempDir Path dir;

  @Test
  void aRotatedScramPasswordIsTakenIntoUseWithoutARestart_everyBatchOnce() throws Exception {
    try (TestTokenEndpoint idp =
            TestTokenEndpoint.start("unused", "unused-secret", Duration.ofMinutes(5));
        CapturedLogs logs = new CapturedLogs()) {
      SaslListener sasl = SaslListener.create(idp, Duration.ofSeconds(2));
      try (EmbeddedKafka kafka = sasl.kafka().start()) {
        kafka.createTopic("rotation", 1, false);
        kafka.createTopic("rotation-checkpoints", 1, true);
        sasl.createScramUser("robot-r", OLD);
        SaslCredentials credentials = SaslCredentials.of(Optional.of(scram(OLD)));
        long last;
        try (KafkaUplink uplink = create(sasl, credentials);
            SaslSender sender = new SaslSender(uplink)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> sender.delivered.get() >= 20);

          sasl.createScramUser("robot-r", NEW); // the broker's credential changes first
          assertThat(credentials.rotate(scram(NEW))).isTrue();
          assertThat(credentials.rotate(scram(NEW))).as("same secret again").isFalse();
          long atRotation = sender.delivered.get();
          // long past several re-authentications with the old password: still delivering
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> sender.delivered.get() >= atRotation + 150);
          sender.close();
          assertThat(sender.unexpected.get()).isNull();
          assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
          last = sender.delivered.get();
        }
        KafkaUplinkOAuthBearerTest.assertExactlyOnce(kafka, last, "rotation");
        assertThat(logs.lines())
            .anyMatch(l -> l.contains("new SASL secret, replacing the producer"))
            .noneMatch(l -> l.contains(OLD) || l.contains(NEW));
      }
    }
  }

  @Test
  void onlyTheSecretRotates_anyOtherChangeIsRefused() {
    SaslCredentials credentials = SaslCredentials.of(Optional.of(scram(OLD)));
    SaslSettings otherUser =
        SaslSettings.scram(
            Mechanism.SCRAM_SHA_512, "robot-other", dir.resolve("pw"), new Secret(NEW));
    assertThatThrownBy(() -> credentials.rotate(otherUser))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(NEW);
    assertThatThrownBy(() -> SaslCredentials.NONE.rotate(scram(NEW)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(credentials.current()).contains(scram(OLD));
  }

  private SaslSettings scram(String password) {
    return SaslSettings.scram(
        Mechanism.SCRAM_SHA_512, "robot-r", dir.resolve("pw"), new Secret(password));
  }

  private static KafkaUplink create(SaslListener sasl, SaslCredentials credentials) {
    return KafkaUplink.create(
        "robot-rotation",
        sasl.saslBootstrapServers(),
        Map.of(),
        Map.of("telemetry", "rotation"),
        "rotation-checkpoints",
        null,
        DictionaryLookup.NONE,
        Optional.empty(),
        credentials);
  }
}
