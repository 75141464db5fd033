package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterialException;
import io.edgegateway.testkit.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UplinkTls}: what a change of the files does, driven by {@code poll()}, no thread. */
class UplinkTlsTest {
  @TempDir static Path pkiDir;
  static TestPki pki;
  static TestPki.Issued a;
  static TestPki.Issued b;
  static TestPki.Issued expired;

  @TempDir Path dir;
  TlsFiles files;
  UplinkTls tls;
  final AtomicInteger rotated = new AtomicInteger();

  @BeforeAll
  static void pki() {
    pki = TestPki.create(pkiDir, "Test CA");
    Instant now = Instant.now();
    a = pki.client("a", now.minusSeconds(60), now.plusSeconds(3600));
    b = pki.client("b", now.minusSeconds(60), now.plusSeconds(7200));
    expired = pki.client("old", now.minusSeconds(7200), now.minusSeconds(60));
  }

  @BeforeEach
  void install() throws Exception {
    files = new TlsFiles(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("key.pem"));
    Files.copy(pki.caCert(), files.caFile());
    write(a);
    tls = UplinkTls.unwatched("r1", files, false, Clock.systemUTC());
    tls.onRotation(rotated::incrementAndGet);
  }

  private void write(TestPki.Issued issued) throws Exception {
    Files.copy(issued.cert(), files.certFile(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(issued.key(), files.keyFile(), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void clientPropertiesSelectSslWithInlinePemAndHostnameVerification() {
    Map<String, String> p = tls.clientProperties();
    assertThat(p)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.endpoint.identification.algorithm", "https");
    assertThat(p.get("ssl.keystore.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(p.get("ssl.keystore.certificate.chain")).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(p.get("ssl.truststore.certificates")).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void unchangedFilesDoNothing() {
    assertThat(tls.poll()).isTrue();
    assertThat(tls.rotations()).isZero();
    assertThat(rotated).hasValue(0);
  }

  @Test
  void goodNewFilesRotateOnce() throws Exception {
    Instant aExpiry = tls.certificateNotAfter();
    write(b);
    assertThat(tls.poll()).isTrue();
    assertThat(tls.rotations()).isEqualTo(1);
    assertThat(rotated).hasValue(1);
    assertThat(tls.certificateNotAfter()).isAfter(aExpiry);
    assertThat(tls.poll()).isTrue();
    assertThat(tls.rotations()).isEqualTo(1);
  }

  @Test
  void halfWrittenThenMismatchedThenCompleteIsRefusedTwiceThenTaken() throws Exception {
    Map<String, String> before = tls.clientProperties();
    String cert = Files.readString(b.cert());
    Files.writeString(files.certFile(), cert.substring(0, cert.length() / 2));
    assertThat(tls.poll()).isFalse();
    assertThat(tls.lastError()).get().asString().contains("has no END line");
    Files.writeString(files.certFile(), cert); // cert B complete, key still A's
    assertThat(tls.poll()).isFalse();
    assertThat(tls.lastError()).get().asString().contains("the key does not match");
    assertThat(tls.reloadFailures()).isEqualTo(2);
    assertThat(tls.clientProperties()).isSameAs(before);
    assertThat(rotated).hasValue(0);
    Files.copy(b.key(), files.keyFile(), StandardCopyOption.REPLACE_EXISTING);
    assertThat(tls.poll()).isTrue();
    assertThat(tls.lastError()).isEmpty();
    assertThat(tls.rotations()).isEqualTo(1);
    assertThat(tls.clientProperties()).isNotEqualTo(before);
  }

  @Test
  void expiredOrDeletedFilesKeepTheMaterialInUse() throws Exception {
    Instant aExpiry = tls.certificateNotAfter();
    write(expired);
    assertThat(tls.poll()).isFalse();
    assertThat(tls.lastError()).get().asString().contains("expired at");
    Files.delete(files.keyFile());
    assertThat(tls.poll()).isFalse();
    assertThat(tls.lastError()).get().asString().isEqualTo(files.keyFile() + ": no such file");
    assertThat(tls.poll()).isFalse(); // unchanged bad files: not counted again
    assertThat(tls.reloadFailures()).isEqualTo(2);
    assertThat(tls.certificateNotAfter()).isEqualTo(aExpiry);
    assertThat(rotated).hasValue(0);
  }

  @Test
  void reloadChecksUnchangedFilesAgainAndReportsExpiry() throws Exception {
    MovableClock clock = new MovableClock(Instant.now());
    UplinkTls checked = UplinkTls.unwatched("r1", files, false, clock);
    assertThat(checked.reload()).isTrue();
    clock.now = clock.now.plusSeconds(4000); // A expires after an hour
    assertThat(checked.poll()).isTrue(); // unchanged files are not read again by the watcher
    assertThat(checked.reload()).isFalse();
    assertThat(checked.lastError()).get().asString().contains("certificate CN=a expired at");
    assertThat(checked.reloadFailures()).isEqualTo(1);
    assertThat(checked.rotations()).isZero();
    assertThatThrownBy(() -> UplinkTls.unwatched("r1", files, false, clock))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("expired at");
  }

  private static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aReloadOfFilesTheWatcherRefusedAlreadyIsNotCountedTwice() throws Exception {
    write(expired);
    assertThat(tls.poll()).isFalse();
    assertThat(tls.reload()).isFalse();
    assertThat(tls.reloadFailures()).isEqualTo(1);
    write(b);
    assertThat(tls.reload()).isTrue();
    assertThat(tls.rotations()).isEqualTo(1);
    assertThat(tls.certificateSubject()).isEqualTo("CN=b");
  }

  @Test
  void saslPropertiesSelectSaslSsl() throws Exception {
    assertThat(UplinkTls.unwatched("r1", files, true, Clock.systemUTC()).clientProperties())
        .containsEntry("security.protocol", "SASL_SSL");
  }
}
