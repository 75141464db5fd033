package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.testkit.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaUplink#create} with TLS files: what it refuses, and that it leaks no thread. */
class KafkaUplinkTlsCreateTest {
  private static final String UNUSED_BROKER = "127.0.0.1:1";

  @TempDir static Path dir;
  static TestPki pki;
  static TlsFiles files;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir.resolve("pki"), "Test CA");
    TestPki.Issued a =
        pki.client("create", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    files = new TlsFiles(pki.caCert(), a.cert(), a.key());
  }

  private static KafkaUplink create(String robot, Map<String, String> properties, TlsFiles tls) {
    return KafkaUplink.create(
        robot,
        UNUSED_BROKER,
        properties,
        Map.of("telemetry", "t"),
        "t-checkpoints",
        null,
        DictionaryLookup.NONE,
        Optional.of(tls));
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  void unusableFilesAreRefusedNamingTheFile() throws Exception {
    Path half = dir.resolve("half.pem");
    Files.writeString(half, "-----BEGIN CERTIFICATE-----\nMIIB\n");
    assertThatThrownBy(
            () -> create("r-half", Map.of(), new TlsFiles(pki.caCert(), half, files.keyFile())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "TLS: "
                + half
                + ": the CERTIFICATE block has no END line (file truncated or still being"
                + " written?)");
    assertThat(threadAlive("uplink-tls-r-half")).isFalse();
  }

  @Test
  void rawSslPropertiesNextToTlsFilesAreRefused() {
    assertThatThrownBy(() -> create("r-raw", Map.of("ssl.keystore.location", "/x"), files))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssl.keystore.location");
    assertThat(threadAlive("uplink-tls-r-raw")).isFalse();
  }

  @Test
  void aCreationThatFailsAfterTheWatcherStartedStopsIt() {
    assertThatThrownBy(() -> create("r-bad-id", Map.of("transactional.id", "x"), files))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> create("r-bad-linger", Map.of("linger.ms", "soon"), files))
        .isInstanceOf(KafkaException.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> !threadAlive("uplink-tls-r-bad-id") && !threadAlive("uplink-tls-r-bad-linger"));
  }

  @Test
  void closeStopsTheWatcher() {
    KafkaUplink uplink = create("r-close", Map.of(), files);
    assertThat(uplink.tls()).isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> threadAlive("uplink-tls-r-close"));
    uplink.close(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> !threadAlive("uplink-tls-r-close"));
  }
}
