package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.metric;
import static io.edgegateway.daemon.ReloadFixture.rule;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SslListener;
import io.edgegateway.testkit.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with {@code uplink.kafka.tls} against a broker whose SSL listener requires a client
 * certificate: samples reach Kafka over mTLS, the expiry gauge shows the certificate in use, a
 * reload with an expired certificate on disk is refused and counted (the old one stays in use), a
 * reload with a good new one rotates to it, and no sample is lost or duplicated.
 */
class TlsEndToEndTest {
  private static final String CHATTER = GatewayFixture.STRING_TOPIC;
  private static final String IMU = GatewayFixture.IMU_TOPIC;
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final String KAFKA_TOPIC = "e2e.tls";

  @TempDir Path dir;

  @Test
  void samplesGoOverMtls_aBadCertificateIsRefusedOnReload_aGoodOneRotatesWithoutRestart()
      throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"), "Fleet CA");
    Instant now = Instant.now();
    TestPki.Issued a = pki.client("robot-a", now.minusSeconds(60), now.plusSeconds(3600));
    TestPki.Issued b = pki.client("robot-b", now.minusSeconds(60), now.plusSeconds(7200));
    TestPki.Issued old = pki.client("robot-old", now.minusSeconds(7200), now.minusSeconds(60));
    Path cert = dir.resolve("client.pem");
    Path key = dir.resolve("client.key");
    install(a, cert, key);
    SslListener ssl = SslListener.create(pki.caCert(), pki.server("broker"));
    int domain = DdsDomains.forTest(getClass(), 0);
    try (EmbeddedKafka kafka = ssl.kafka().start()) {
      GatewayFixture.createTopics(kafka, KAFKA_TOPIC);
      kafka.createTopic("edge.audit.v1", 1, false); // the default audit.topic
      Path file = dir.resolve("gateway.yaml");
      String yaml =
          ReloadFixture.yaml(
                  "tls-robot",
                  dir.resolve("data"),
                  domain,
                  ssl.sslBootstrapServers(),
                  KAFKA_TOPIC,
                  rule(CHATTER, RosSamples.STRING_TYPE, "") + rule(IMU, RosSamples.IMU_TYPE, ""),
                  "",
                  "127.0.0.1:0")
              .replace(
                  "  kafka: {bootstrap_servers: '" + ssl.sslBootstrapServers() + "'}\n",
                  "  kafka:\n"
                      + "    bootstrap_servers: '"
                      + ssl.sslBootstrapServers()
                      + "'\n"
                      + "    tls:\n"
                      + "      ca_file: "
                      + pki.caCert()
                      + "\n      cert_file: "
                      + cert
                      + "\n      key_file: "
                      + key
                      + "\n");
      assertThat(yaml).contains("tls:");
      Files.writeString(file, yaml);
      try (Gateway gateway =
          Gateway.start(ConfigSnapshot.read(file), Clock.system(), Duration.ofSeconds(10))) {
        GatewayFixture.publishStringsAndImus(domain, 20, 5, LONG);
        GatewayFixture.assertEveryAcceptedSampleOnce(
            gateway, kafka.bootstrapServers(), KAFKA_TOPIC, 25, LONG);
        String scrape = Http.get(gateway.httpPort(), "/metrics").body();
        assertThat(metric(scrape, "gateway_tls_certificate_expiry_seconds"))
            .isBetween(3000.0, 3600.0);
        assertThat(metric(scrape, "gateway_tls_reload_failures_total")).isZero();
        // the TLS meters the dashboard and the alerts name (MonitoringMetricsExistTest runs
        // without TLS and leaves them to this scrape)
        for (String name : MonitoringMetricsExistTest.monitoredNames()) {
          if (name.startsWith(MonitoringMetricsExistTest.TLS_ONLY)) {
            assertThat(scrape).as("dashboard/alert metric %s", name).contains("\n" + name);
          }
        }

        install(old, cert, key);
        JsonNode refused = ReloadFixture.reload(gateway);
        assertThat(refused.get("ok").asBoolean()).as("%s", refused).isFalse();
        assertThat(refused.get("error").asText())
            .contains("uplink.kafka.tls: " + cert + ": certificate CN=robot-old expired at");
        scrape = Http.get(gateway.httpPort(), "/metrics").body();
        assertThat(metric(scrape, "gateway_tls_reload_failures_total")).isEqualTo(1);
        assertThat(metric(scrape, "gateway_tls_rotations_total")).isZero();
        assertThat(metric(scrape, "gateway_tls_certificate_expiry_seconds"))
            .isBetween(3000.0, 3600.0);
        JsonNode audit = status(gateway.httpPort()).get("uplink").get("tls");
        assertThat(audit.get("certificate").asText()).isEqualTo("CN=robot-a");
        assertThat(audit.get("reload_failures").asLong()).isEqualTo(1);
        assertThat(audit.get("last_error").asText())
            .startsWith(cert + ": certificate CN=robot-old expired at");

        install(b, cert, key);
        JsonNode ok = ReloadFixture.reload(gateway);
        assertThat(ok.get("ok").asBoolean()).as("%s", ok).isTrue();
        scrape = Http.get(gateway.httpPort(), "/metrics").body();
        assertThat(metric(scrape, "gateway_tls_rotations_total")).isEqualTo(1);
        assertThat(metric(scrape, "gateway_tls_certificate_expiry_seconds"))
            .isBetween(6600.0, 7200.0);
        audit = status(gateway.httpPort()).get("uplink").get("tls");
        assertThat(audit.get("certificate").asText()).isEqualTo("CN=robot-b");
        assertThat(audit.get("rotations").asLong()).isEqualTo(1);
        assertThat(audit.get("not_after").asText()).isEqualTo(tlsNotAfter(b));
        assertThat(audit.get("last_error").isNull()).isTrue();

        GatewayFixture.publishStringsAndImus(domain, 20, 5, LONG);
        GatewayFixture.assertEveryAcceptedSampleOnce(
            gateway, kafka.bootstrapServers(), KAFKA_TOPIC, 50, LONG);
      }
      // audit verify --bootstrap reaches the mTLS-only listener with the config's tls files
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli = io.edgegateway.daemon.cli.EdgeGatewayCli.commandLine();
      cli.setOut(new java.io.PrintWriter(out, true));
      cli.setErr(new java.io.PrintWriter(err, true));
      int exit =
          cli.execute(
              "audit",
              "verify",
              "--config",
              file.toString(),
              "--bootstrap",
              ssl.sslBootstrapServers());
      assertThat(exit).as("audit verify: %s", err).isZero();
      assertThat(out.toString()).startsWith("verified ");
      // the rotation is audited with fingerprints, never key material
      List<io.edgegateway.core.audit.AuditRecord> rotated =
          Files.readAllLines(dir.resolve("data").resolve("audit.log")).stream()
              .map(io.edgegateway.core.audit.AuditRecord::parse)
              .filter(r -> r.kind().equals("credential_rotated"))
              .toList();
      assertThat(rotated).hasSize(1);
      assertThat(rotated.get(0).detail())
          .containsEntry("subject", "CN=robot-b")
          .containsEntry("certificate_sha256", derSha256(b))
          .containsEntry("credential", "uplink.kafka.tls");
      String keyBody =
          Files.readString(b.key())
              .lines()
              .filter(l -> !l.startsWith("-----"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readString(dir.resolve("data").resolve("audit.log")))
          .doesNotContain(keyBody);
    }
  }

  private static String derSha256(TestPki.Issued issued) throws Exception {
    try (var in = Files.newInputStream(issued.cert())) {
      var c = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
  }

  private static String tlsNotAfter(TestPki.Issued issued) throws Exception {
    try (var in = Files.newInputStream(issued.cert())) {
      var c =
          (java.security.cert.X509Certificate)
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      return c.getNotAfter().toInstant().toString();
    }
  }

  private static void install(TestPki.Issued issued, Path cert, Path key) throws Exception {
    Files.copy(issued.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.key(), key, StandardCopyOption.REPLACE_EXISTING);
  }
}
