package io.edgegateway.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterial;
import io.edgegateway.core.tls.TlsMaterialException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link TlsMaterial#load} on real certificates made by openssl. */
class TlsMaterialTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki otherPki;
  static TestPki.Issued good;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir.resolve("ca"), "Test CA");
    otherPki = TestPki.create(dir.resolve("other"), "Other CA");
    good = pki.client("gateway", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
  }

  private static TlsMaterial load(Path ca, Path cert, Path key) throws TlsMaterialException {
    return TlsMaterial.load(new TlsFiles(ca, cert, key), Instant.now());
  }

  @Test
  void goodMaterialLoadsAndGivesPemForTheKafkaClient() throws Exception {
    TlsMaterial m = load(pki.caCert(), good.cert(), good.key());
    assertThat(m.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=gateway");
    assertThat(m.notAfter()).isAfter(Instant.now().plusSeconds(3000));
    assertThat(m.chainPem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(m.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(m.caPem()).contains("-----END CERTIFICATE-----");
    assertThat(m.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void expiredCertificateIsRefusedNamingTheFile() {
    TestPki.Issued old =
        pki.client("old", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60));
    assertThatThrownBy(() -> load(pki.caCert(), old.cert(), old.key()))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageStartingWith(old.cert() + ": certificate CN=old expired at ");
  }

  @Test
  void notYetValidCertificateIsRefused() {
    TestPki.Issued early =
        pki.client("early", Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
    assertThatThrownBy(() -> load(pki.caCert(), early.cert(), early.key()))
        .hasMessageContaining(early.cert() + ": certificate CN=early is not valid before");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() {
    TestPki.Issued other =
        pki.client("other", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    assertThatThrownBy(() -> load(pki.caCert(), good.cert(), other.key()))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessage(
            other.key() + ": the key does not match the certificate CN=gateway of " + good.cert());
  }

  @Test
  void certificateOfAnotherCaIsRefused() {
    assertThatThrownBy(() -> load(otherPki.caCert(), good.cert(), good.key()))
        .hasMessageStartingWith(
            good.cert() + ": the certificate chain does not reach a CA of " + otherPki.caCert());
  }

  @Test
  void pkcs1RsaKeyIsAccepted() throws Exception {
    TestPki.Issued rsa =
        pki.rsaClient("rsa", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    Path pkcs1 = pki.toPkcs1(rsa.key());
    assertThat(Files.readString(pkcs1)).contains("-----BEGIN RSA PRIVATE KEY-----");
    TlsMaterial m = load(pki.caCert(), rsa.cert(), pkcs1);
    assertThat(m.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void sec1EcKeyIsAccepted() throws Exception {
    Path sec1 = pki.toSec1(good.key());
    assertThat(Files.readString(sec1)).contains("-----BEGIN EC PRIVATE KEY-----");
    TlsMaterial m = load(pki.caCert(), good.cert(), sec1);
    assertThat(m.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    Path corrupt = dir.resolve("corrupt.sec1");
    Files.writeString(
        corrupt, "-----BEGIN EC PRIVATE KEY-----\nMAUCAQE=\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> load(pki.caCert(), good.cert(), corrupt))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageStartingWith(corrupt + ": ");
  }

  @Test
  void encryptedPkcs8KeyNeedsItsPassword() throws Exception {
    Path enc = pki.encrypted(good.key(), "s3cret");
    assertThat(Files.readString(enc)).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    TlsMaterial m =
        TlsMaterial.load(
            new TlsFiles(pki.caCert(), good.cert(), enc, Optional.of("s3cret")), Instant.now());
    assertThat(m.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThatThrownBy(() -> load(pki.caCert(), good.cert(), enc))
        .hasMessage(enc + ": the key is encrypted; set key_password");
    assertThatThrownBy(
            () ->
                TlsMaterial.load(
                    new TlsFiles(pki.caCert(), good.cert(), enc, Optional.of("wrong")),
                    Instant.now()))
        .hasMessageStartingWith(enc + ": cannot decrypt the key (wrong key_password?)");
  }

  @Test
  void missingAndUnreadableFilesAreNamed() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> load(pki.caCert(), missing, good.key()))
        .hasMessage(missing + ": no such file");
    Path locked = dir.resolve("locked.key");
    Files.copy(good.key(), locked);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(locked)) { // root reads anything
      assertThatThrownBy(() -> load(pki.caCert(), good.cert(), locked))
          .hasMessageStartingWith(locked + ": cannot read: ");
    }
  }

  @Test
  void halfWrittenPemIsRefused() throws Exception {
    String cert = Files.readString(good.cert());
    Path half = dir.resolve("half.pem");
    Files.writeString(half, cert.substring(0, cert.length() / 2));
    assertThatThrownBy(() -> load(pki.caCert(), half, good.key()))
        .hasMessage(
            half
                + ": the CERTIFICATE block has no END line (file truncated or still being"
                + " written?)");
    String key = Files.readString(good.key());
    Path halfKey = dir.resolve("half.key");
    Files.writeString(halfKey, key.substring(0, key.length() / 2));
    assertThatThrownBy(() -> load(pki.caCert(), good.cert(), halfKey))
        .hasMessageContaining(halfKey + ": the PRIVATE KEY block has no END line");
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> load(pki.caCert(), empty, good.key()))
        .hasMessage(empty + ": no CERTIFICATE block (expected PEM)");
  }
}
