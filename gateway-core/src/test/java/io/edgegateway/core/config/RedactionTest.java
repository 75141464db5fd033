package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credential values never show in a config error or a settings record's toString. */
class RedactionTest {
  @Test
  void credentialKeysAreRecognised() {
    assertThat(Redaction.isCredential("sasl.jaas.config")).isTrue();
    assertThat(Redaction.isCredential("ssl.key.password")).isTrue();
    assertThat(Redaction.isCredential("ssl.keystore.key")).isTrue();
    assertThat(Redaction.isCredential("uplink.kafka.properties.ssl.truststore.password")).isTrue();
    assertThat(Redaction.isCredential("client_secret")).isTrue();
    assertThat(Redaction.isCredential("security.protocol")).isFalse();
    assertThat(Redaction.isCredential("sasl.mechanism")).isFalse();
    assertThat(Redaction.isCredential("ros2.topics[3].match")).isFalse();
  }

  @Test
  void kafkaSettingsToStringRedactsCredentials() {
    String secret = UUID.randomUUID().toString();
    KafkaSettings kafka =
        new KafkaSettings(
            "b:9092",
            Map.of(
                "sasl.jaas.config",
                "x password=\"" + secret + "\";",
                "ssl.key.password",
                secret,
                "security.protocol",
                "SASL_SSL"));

    assertThat(kafka.toString())
        .doesNotContain(secret)
        .contains("security.protocol=SASL_SSL")
        .contains("ssl.key.password=" + Secret.REDACTED);
    assertThat(new UplinkSettings(kafka, UplinkSchema.defaultStreams(), "c", "d").toString())
        .doesNotContain(secret);
  }

  @Test
  void aSubstitutionErrorInACredentialDoesNotShowItsText(@TempDir Path dir) throws Exception {
    String secret = UUID.randomUUID().toString();
    String yaml =
        "gateway: {robot_id: r1}\n"
            + "uplink:\n"
            + "  kafka:\n"
            + "    properties:\n"
            + "      ssl.key.password: \""
            + secret
            + "${UNTERMINATED\"\n";

    List<String> errors =
        ConfigLoader.parse("gw.yaml", yaml, Map.<String, String>of()::get).formattedErrors();

    assertThat(errors).singleElement().asString().contains("unterminated").doesNotContain(secret);
  }

  @Test
  void aSecretFromAFileOrTheEnvironmentNeverShowsInErrors(@TempDir Path dir) throws Exception {
    String secret = UUID.randomUUID().toString();
    Path file = dir.resolve("jaas");
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    String yaml =
        "gateway: {robot_id: r1}\n"
            + "uplink:\n"
            + "  kafka:\n"
            + "    properties:\n"
            + "      sasl.jaas.config: \"${file:"
            + file
            + "}\"\n"
            + "      ssl.key.password: ${KEY_PASSWORD}\n"
            + "      transactional.id: nope\n"
            + "buffer: {max_bytes: lots}\n";

    ConfigResult result = ConfigLoader.parse("gw.yaml", yaml, Map.of("KEY_PASSWORD", secret)::get);

    assertThat(result.formattedErrors()).hasSize(2);
    assertThat(String.join("\n", result.formattedErrors())).doesNotContain(secret);
  }
}
