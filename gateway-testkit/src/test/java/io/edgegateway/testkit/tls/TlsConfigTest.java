package io.edgegateway.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.ConfigResult;
import io.edgegateway.core.config.KafkaSettings;
import io.edgegateway.core.tls.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uplink.kafka.tls}: binding, and what {@code validate} reports about the files. */
class TlsConfigTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki.Issued good;
  static TestPki.Issued expired;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir.resolve("ca"), "Test CA");
    good = pki.client("gateway", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    expired =
        pki.client("expired", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60));
  }

  private static ConfigResult parse(String tlsAndProperties) {
    String yaml =
        "gateway:\n"
            + "  robot_id: r1\n"
            + "uplink:\n"
            + "  kafka:\n"
            + "    bootstrap_servers: 127.0.0.1:9093\n"
            + tlsAndProperties;
    return ConfigLoader.parse("gw.yaml", yaml, name -> null);
  }

  private static String tls(Path ca, Path cert, Path key) {
    return "    tls:\n"
        + "      ca_file: "
        + ca
        + "\n      cert_file: "
        + cert
        + "\n      key_file: "
        + key
        + "\n";
  }

  @Test
  void tlsSectionBindsTheFiles() {
    ConfigResult r = parse(tls(pki.caCert(), good.cert(), good.key()));
    assertThat(r.formattedErrors()).isEmpty();
    KafkaSettings kafka = r.orElseThrow().uplink().kafka();
    assertThat(kafka.tls()).contains(new TlsFiles(pki.caCert(), good.cert(), good.key()));
    assertThat(kafka.properties()).isEmpty();
  }

  @Test
  void keyPasswordIsBoundAndNeverPrinted() {
    Path enc = pki.encrypted(good.key(), "pw1");
    ConfigResult r = parse(tls(pki.caCert(), good.cert(), enc) + "      key_password: pw1\n");
    assertThat(r.formattedErrors()).isEmpty();
    TlsFiles files = r.orElseThrow().uplink().kafka().tls().orElseThrow();
    assertThat(files.keyPassword()).isEqualTo(Optional.of("pw1"));
    assertThat(files.toString()).doesNotContain("pw1").contains("key password set");
  }

  @Test
  void expiredCertificateIsAnErrorAtTheTlsKeyNamingTheFile() {
    ConfigResult r = parse(tls(pki.caCert(), expired.cert(), expired.key()));
    assertThat(r.formattedErrors())
        .singleElement()
        .asString()
        .startsWith(
            "gw.yaml:6:5: uplink.kafka.tls: "
                + expired.cert()
                + ": certificate CN=expired expired at ");
  }

  @Test
  void mismatchedKeyAndMissingFileAreErrors() {
    assertThat(parse(tls(pki.caCert(), good.cert(), expired.key())).formattedErrors())
        .containsExactly(
            "gw.yaml:6:5: uplink.kafka.tls: "
                + expired.key()
                + ": the key does not match the certificate CN=gateway of "
                + good.cert());
    Path missing = dir.resolve("missing.pem");
    assertThat(parse(tls(missing, good.cert(), good.key())).formattedErrors())
        .containsExactly("gw.yaml:6:5: uplink.kafka.tls: " + missing + ": no such file");
  }

  @Test
  void halfWrittenCertificateIsAnError() throws Exception {
    Path half = dir.resolve("half.pem");
    String pem = Files.readString(good.cert());
    Files.writeString(half, pem.substring(0, pem.length() - 40));
    assertThat(parse(tls(pki.caCert(), half, good.key())).formattedErrors())
        .singleElement()
        .asString()
        .contains(half + ": the CERTIFICATE block has no END line");
  }

  @Test
  void missingKeysAndUnknownKeysAreReported() {
    ConfigResult r = parse("    tls:\n      ca_file: /x\n      cert_fil: /y\n");
    assertThat(r.formattedErrors())
        .anyMatch(e -> e.startsWith("gw.yaml:6:5: uplink.kafka.tls.cert_file: required"))
        .anyMatch(e -> e.startsWith("gw.yaml:6:5: uplink.kafka.tls.key_file: required"))
        .anyMatch(
            e ->
                e.startsWith("gw.yaml:8:7: uplink.kafka.tls.cert_fil: unknown key")
                    && e.contains("cert_file"));
  }

  @Test
  void rawSslPropertiesNextToTlsAreRefused() {
    ConfigResult r =
        parse(
            "    properties:\n"
                + "      security.protocol: SSL\n"
                + "      ssl.truststore.location: /etc/ts.jks\n"
                + "      sasl.mechanism: PLAIN\n"
                + tls(pki.caCert(), good.cert(), good.key()));
    assertThat(r.formattedErrors())
        .containsExactly(
            "gw.yaml:7:7: uplink.kafka.properties.security.protocol: set by uplink.kafka.tls;"
                + " remove it here (or remove the tls section and configure TLS through"
                + " properties alone)",
            "gw.yaml:8:7: uplink.kafka.properties.ssl.truststore.location: set by"
                + " uplink.kafka.tls; remove it here (or remove the tls section and configure TLS"
                + " through properties alone)");
  }

  @Test
  void saslPropertiesWithTlsAreKept() {
    ConfigResult r =
        parse(
            "    properties:\n      sasl.mechanism: PLAIN\n"
                + tls(pki.caCert(), good.cert(), good.key()));
    assertThat(r.formattedErrors()).isEmpty();
    assertThat(r.orElseThrow().uplink().kafka().properties())
        .isEqualTo(Map.of("sasl.mechanism", "PLAIN"));
  }
}
