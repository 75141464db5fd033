package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code uplink.kafka.sasl} section: SASL authentication to Kafka. */
final class SaslSchema {
  private SaslSchema() {}

  static final Key<String> MECHANISM =
      Key.required(
          "mechanism",
          ValueType.matching(
              "OAUTHBEARER|SCRAM-SHA-512|SCRAM-SHA-256",
              "OAUTHBEARER, SCRAM-SHA-512 or SCRAM-SHA-256",
              "`OAUTHBEARER` | `SCRAM-SHA-512` | `SCRAM-SHA-256`"),
          "`OAUTHBEARER`: OIDC client credentials, token fetched and refreshed by the Kafka"
              + " client (KIP-768). `SCRAM-SHA-512` / `SCRAM-SHA-256`: user name and password.");
  static final Key<String> TOKEN_ENDPOINT =
      Key.optional(
          "token_endpoint",
          ValueType.nonEmptyString(),
          "OAUTHBEARER (required): the OIDC token endpoint, `https://...`; `http://` only for a"
              + " loopback host (tests). The gateway adds it to the JVM's"
              + " `org.apache.kafka.sasl.oauthbearer.allowed.urls`.");
  static final Key<String> CLIENT_ID =
      Key.optional("client_id", ValueType.nonEmptyString(), "OAUTHBEARER (required): client id.");
  static final Key<Path> CLIENT_SECRET_FILE =
      Key.optional(
          "client_secret_file",
          ValueType.path(),
          "OAUTHBEARER (required): file holding the client secret (printable ASCII, surrounding"
              + " whitespace ignored); checked at `validate`, never logged.");
  static final Key<String> SCOPE =
      Key.optional("scope", ValueType.nonEmptyString(), "OAUTHBEARER: the scope to request.");
  static final Key<String> USERNAME =
      Key.optional("username", ValueType.nonEmptyString(), "SCRAM (required): user name.");
  static final Key<Path> PASSWORD_FILE =
      Key.optional(
          "password_file",
          ValueType.path(),
          "SCRAM (required): file holding the password (printable ASCII, surrounding whitespace"
              + " ignored); checked at `validate`, never logged.");
  static final Section SECTION =
      Section.of(
          "uplink.kafka.sasl",
          "SASL authentication: selects `security.protocol` `SASL_SSL` with `tls`, else"
              + " `SASL_PLAINTEXT` (credentials and data in clear: a WARN at start). `properties`"
              + " may then hold only the `sasl.login.*` tuning keys (docs/security.md).",
          MECHANISM,
          TOKEN_ENDPOINT,
          CLIENT_ID,
          CLIENT_SECRET_FILE,
          SCOPE,
          USERNAME,
          PASSWORD_FILE);
}
