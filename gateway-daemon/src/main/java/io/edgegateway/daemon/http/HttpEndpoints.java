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
   * A response: status code and JSON body.
   *
   * @param status HTTP status code
   * @param json the body, one JSON document
   */
  record Reply(int status, String json) {}
}
