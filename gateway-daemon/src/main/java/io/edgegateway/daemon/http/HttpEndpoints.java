package io.edgegateway.daemon.http;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** What the HTTP server serves; implemented by the daemon's wiring. Every method must be cheap. */
public interface HttpEndpoints {
  /** Prometheus text exposition of every meter. */
  String metrics();

  /** Null when ready, else a short machine-readable reason such as {@code uplink_disconnected}. */
  @Nullable String notReadyReason();

  /** The JSON document served at {@code /v1/status}. */
  String statusJson();

  /**
   * {@code POST /v1/reload}: asks for a config reload, completed when it has run; must not block.
   */
  CompletableFuture<Reply> reload();

  /**
   * {@code POST /v1/captures}: asks for an incident capture; the body is the request's JSON. The
   * default answers 404 (no capture).
   */
  default CompletableFuture<Reply> capture(String body) {
    return CompletableFuture.completedFuture(new Reply(404, "{\"error\":\"capture is off\"}\n"));
  }

  /**
   * {@code GET /v1/captures} and {@code GET /v1/captures/{id}}: {@code path} is the request path.
   * The default answers 404 (no capture).
   */
  default Reply captures(String path) {
    return new Reply(404, "{\"error\":\"capture is off\"}\n");
  }

  /**
   * A response: status code and JSON body.
   *
   * @param status HTTP status code
   * @param json the body, one JSON document
   */
  record Reply(int status, String json) {}
}
