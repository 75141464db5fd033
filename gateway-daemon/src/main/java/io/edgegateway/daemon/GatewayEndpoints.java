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
  private static final int LIST_LIMIT = 100;
  private static final String CAPTURE_OFF =
      "{\"error\":\"capture is off (no capture section in the config)\"}\n";

  private final PrometheusMeterRegistry registry;
  private final StatusReader status;
  private final Optional<ReloadCoordinator> reloads;
  private final Optional<CaptureService> capture;

  /**
   * @param reloads empty for a gateway started without a config file (it cannot reload)
   * @param capture empty when capture is off
   */
  GatewayEndpoints(
      PrometheusMeterRegistry registry,
      StatusReader status,
      Optional<ReloadCoordinator> reloads,
      Optional<CaptureService> capture) {
    this.registry = registry;
    this.status = status;
    this.reloads = reloads;
    this.capture = capture;
  }

  GatewayEndpoints(
      PrometheusMeterRegistry registry, StatusReader status, Optional<ReloadCoordinator> reloads) {
    this(registry, status, reloads, Optional.empty());
  }

  /**
   * 202 with {@code {"id": ...}} once the incident is saved (a new one, or the recording one the
   * window merged into); 400 with the limit for a bad request; 409 when capture is off.
   */
  @Override
  public CompletableFuture<Reply> capture(String body) {
    if (capture.isEmpty()) {
      return CompletableFuture.completedFuture(new Reply(409, CAPTURE_OFF));
    }
    CaptureService service = capture.get();
    CaptureJson.Request request;
    try {
      request = CaptureJson.request(body, service.maxWindow());
    } catch (CaptureJson.BadRequest e) {
      return CompletableFuture.completedFuture(
          new Reply(400, CaptureJson.error(String.valueOf(e.getMessage()), service.maxWindow())));
    }
    return service
        .request(request.reason(), request.pre(), request.post(), request.topics())
        .handle(
            (incident, failure) -> {
              ObjectNode reply = JsonNodeFactory.instance.objectNode();
              if (failure != null || incident == null || incident.isEmpty()) {
                reply.put("error", "capture request not taken: " + failure);
                return new Reply(503, reply + "\n");
              }
              reply.put("id", incident.get().id());
              reply.put("state", incident.get().state().wireName());
              return new Reply(202, reply + "\n");
            });
  }

  /** {@code /v1/captures}: newest first, at most 100; {@code /v1/captures/{id}}: one, or 404. */
  @Override
  public Reply captures(String path) {
    if (capture.isEmpty()) {
      return new Reply(409, CAPTURE_OFF);
    }
    try {
      if (path.equals("/v1/captures") || path.equals("/v1/captures/")) {
        return new Reply(200, CaptureJson.list(capture.get().store().list(LIST_LIMIT)));
      }
      String id = path.substring("/v1/captures/".length());
      return capture
          .get()
          .store()
          .find(id)
          .map(i -> new Reply(200, CaptureJson.incident(i).toPrettyString() + "\n"))
          .orElseGet(() -> new Reply(404, "{\"error\":\"no such incident\"}\n"));
    } catch (java.io.UncheckedIOException e) {
      ObjectNode reply = JsonNodeFactory.instance.objectNode();
      reply.put("error", "incident store: " + e.getMessage());
      return new Reply(503, reply + "\n");
    }
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
