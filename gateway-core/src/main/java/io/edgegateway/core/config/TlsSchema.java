package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code uplink.kafka.tls} section: mTLS client material as PEM files. */
final class TlsSchema {
  private TlsSchema() {}

  static final Key<Path> CA_FILE =
      Key.required(
          "ca_file",
          ValueType.path(),
          "PEM CA certificate(s): the broker's certificate must chain to one of them, and so must"
              + " the client certificate.");
  static final Key<Path> CERT_FILE =
      Key.required(
          "cert_file",
          ValueType.path(),
          "PEM client certificate, optionally followed by its intermediates.");
  static final Key<Path> KEY_FILE =
      Key.required(
          "key_file",
          ValueType.path(),
          "PEM private key of the certificate: PKCS#8 (`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED"
              + " PRIVATE KEY` with `key_password`), PKCS#1 (`BEGIN RSA PRIVATE KEY`) or SEC1"
              + " (`BEGIN EC PRIVATE KEY`).");
  static final Key<String> KEY_PASSWORD =
      Key.optional(
          "key_password",
          ValueType.string(),
          "Password of an encrypted PKCS#8 key; use `${file:/path}` to keep it out of the config.");
  static final Section SECTION =
      Section.of(
          "uplink.kafka.tls",
          "mTLS to Kafka: selects `security.protocol` `SSL` (`SASL_SSL` when `properties` has"
              + " `sasl.*` keys or a `sasl` section), hostname verification on. `validate` and every start and reload"
              + " check the files; when they change the gateway checks and uses the new ones from"
              + " the next transaction, without a restart (docs/security.md).",
          CA_FILE,
          CERT_FILE,
          KEY_FILE,
          KEY_PASSWORD);
}
