package io.edgegateway.core.config;

/** The keys of the {@code http} section: the HTTP server. */
final class HttpSchema {
  private HttpSchema() {}

  static final Key<HostPort> BIND =
      Key.withDefault(
          "bind",
          ValueType.hostPort(),
          "127.0.0.1:9464",
          "Address of the HTTP server (metrics, health, status); port 0 picks a free port.");
  static final Section SECTION =
      Section.of(
          "http", "The HTTP server (`/metrics`, `/healthz`, `/readyz`, `/v1/status`).", BIND);
}
