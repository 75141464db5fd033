package io.edgegateway.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the route table: method, path, who may call it, and what answers it.
 *
 * @param method GET or POST (HEAD is answered like GET)
 * @param path exact path, e.g. {@code /v1/reload}, or a prefix and one segment: {@code
 *     /v1/captures/*} (also the tag of {@code gateway_http_auth_failures_total}, so bounded)
 * @param access who may call it; every POST is a {@link Access#WRITE}
 * @param handler the answer; must not block (complete the future from another thread instead)
 */
record Route(
    HttpMethod method,
    String path,
    Access access,
    Function<Route.Request, CompletableFuture<Response>> handler) {

  /** Who may call a route. */
  enum Access {
    /** {@code /metrics}, {@code /healthz}, {@code /readyz}: open unless protect_metrics. */
    PROBE,
    /** Reads that need the token when {@code http.auth} is set ({@code /v1/status}). */
    READ,
    /** Every POST: the token when {@code http.auth} is set, else only on a loopback bind. */
    WRITE
  }

  /**
   * What a handler gets.
   *
   * @param path the request path
   * @param body the JSON body of a write; null when the request had none
   */
  record Request(String path, @Nullable JsonNode body) {}

  /**
   * An answer.
   *
   * @param status HTTP status code
   * @param contentType the Content-Type
   * @param body the body text
   */
  record Response(int status, String contentType, String body) {
    static final String JSON = "application/json";

    static Response json(int status, String json) {
      return new Response(status, JSON, json);
    }

    /** {@code {"error": message}}. */
    static Response error(int status, String message) {
      return json(status, "{\"error\":" + WriteGate.quote(message) + "}\n");
    }
  }

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
    if (HttpMethod.POST.equals(method) != (access == Access.WRITE)) {
      throw new IllegalArgumentException(
          "route " + method + " " + path + ": every POST is a write and only POSTs are");
    }
  }

  /** A write: any POST, with an optional JSON object body. */
  static Route post(String path, Function<Request, CompletableFuture<Response>> handler) {
    return new Route(HttpMethod.POST, path, Access.WRITE, handler);
  }

  /** A read that needs the token when {@code http.auth} is set. */
  static Route get(String path, Function<Request, CompletableFuture<Response>> handler) {
    return new Route(HttpMethod.GET, path, Access.READ, handler);
  }

  /** A probe, open unless {@code http.auth.protect_metrics}. */
  static Route probe(String path, Function<Request, CompletableFuture<Response>> handler) {
    return new Route(HttpMethod.GET, path, Access.PROBE, handler);
  }
}
