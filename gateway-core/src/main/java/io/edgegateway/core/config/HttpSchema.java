package io.edgegateway.core.config;

import java.nio.file.Path;

/** The keys of the {@code http} section: the HTTP server and its bearer token. */
final class HttpSchema {
  private HttpSchema() {}

  static final Key<HostPort> BIND =
      Key.withDefault(
          "bind",
          ValueType.hostPort(),
          "127.0.0.1:9464",
          "Address of the HTTP server (metrics, health, status); port 0 picks a free port.");
  static final Key<Path> TOKEN_FILE =
      Key.required(
          "token_file",
          ValueType.path(),
          "File holding the bearer token (at least "
              + TokenFile.MIN_CHARS
              + " printable ASCII characters, e.g. `openssl rand -hex 32`; surrounding whitespace"
              + " ignored). Read at start and on every reload; missing, empty or unreadable is an"
              + " error, readable by other users a WARN.");
  static final Key<Boolean> PROTECT_METRICS =
      Key.withDefault(
          "protect_metrics",
          ValueType.bool(),
          "false",
          "Also require the token on `/metrics`, `/healthz` and `/readyz`.");
  static final Section AUTH_SECTION =
      Section.of(
          "http.auth",
          "Bearer-token authentication: every write (`POST`) and `/v1/status` need `Authorization:"
              + " Bearer <token>` (401 otherwise). Without it, writes are accepted only on a"
              + " loopback `bind`.",
          TOKEN_FILE,
          PROTECT_METRICS);
  static final Key<Void> AUTH =
      Key.section("auth", AUTH_SECTION, "—", "Bearer token for writes and status.");
  static final Section SECTION =
      Section.of(
          "http", "The HTTP server (`/metrics`, `/healthz`, `/readyz`, `/v1/status`).", BIND, AUTH);
}
