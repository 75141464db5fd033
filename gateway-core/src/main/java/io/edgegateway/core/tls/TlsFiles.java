package io.edgegateway.core.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a TLS client's material lives: PEM files as fleet PKIs issue them.
 *
 * @param caFile the CA certificate(s) the broker's certificate must chain to; also the root the
 *     client certificate must chain to
 * @param certFile the client certificate, optionally followed by its intermediates
 * @param keyFile the client's private key: PKCS#8 ({@code BEGIN PRIVATE KEY}, or {@code BEGIN
 *     ENCRYPTED PRIVATE KEY} with {@code keyPassword}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
 *     SEC1 ({@code BEGIN EC PRIVATE KEY})
 * @param keyPassword the password of an encrypted PKCS#8 key; never printed by {@link #toString()}
 */
public record TlsFiles(Path caFile, Path certFile, Path keyFile, Optional<String> keyPassword) {
  public TlsFiles {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(keyPassword, "keyPassword");
  }

  /** Files without a key password. */
  public TlsFiles(Path caFile, Path certFile, Path keyFile) {
    this(caFile, certFile, keyFile, Optional.empty());
  }

  /** The three files, in the order {@code ca, cert, key}. */
  public List<Path> all() {
    return List.of(caFile, certFile, keyFile);
  }

  @Override
  public String toString() {
    return "TlsFiles[ca="
        + caFile
        + ", cert="
        + certFile
        + ", key="
        + keyFile
        + (keyPassword.isPresent() ? ", key password set" : "")
        + "]";
  }
}
