package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.daemon.http.HttpEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway's HTTP server serves: the metrics scrape, readiness and status, as text, and the
 * reload the operator asks for.
 */
final class GatewayEndpoints implements HttpEndpoints {
  private final PrometheusMeterRegistry registry;
  private final StatusReader status;
  private final Optional<ReloadCoordinator> reloads;

  /**
   * @param reloads empty for a gateway started without a config file (it cannot reload)
   */
  GatewayEndpoints(
      PrometheusMeterRegistry registry, StatusReader status, Optional<ReloadCoordinator> reloads) {
    this.registry = registry;
    this.status = status;
    this.reloads = reloads;
  }

  @Override
  public String metrics() {
    return registry.scrape();
  }

  @Override
  public @Nullable String notReadyReason() {
    return status.readiness().notReadyReason();
  }

  @Override
  public String statusJson() {
    return StatusJson.of(status.status()).toPrettyString() + "\n";
  }

  /**
   * 200 with {@code {"ok":true,"generation":N,...}} when applied or unchanged, 422 with the reason
   * when refused, 409 when the gateway was started without a file.
   */
  @Override
  public CompletableFuture<Reply> reload() {
    if (reloads.isEmpty()) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("ok", false).put("error", "this gateway was started without a config file");
      return CompletableFuture.completedFuture(new Reply(409, body + "\n"));
    }
    return reloads
        .get()
        .request("POST /v1/reload")
        .thenApply(
            outcome -> {
              ConfigState now = status.config();
              ObjectNode body = JsonNodeFactory.instance.objectNode();
              body.put("ok", outcome.ok());
              body.put("generation", outcome.generation());
              body.put("file", now.file().map(Object::toString).orElse(""));
              body.put("sha256", now.sha256());
              if (outcome.error().isPresent()) {
                body.put("error", outcome.error().get());
              } else {
                body.putNull("error");
              }
              return new Reply(outcome.ok() ? 200 : 422, body + "\n");
            });
  }
}
