package io.edgegateway.daemon.http;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.edgegateway.daemon.http.Route.Response;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The route table of the HTTP server. A route is added here with one line; its method decides who
 * may call it ({@link Route#post} is always a write behind the {@link AccessGate}).
 */
final class Routes {
  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final long WRITE_TIMEOUT_SECONDS = 60;

  private final List<Route> routes;

  Routes(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The gateway's routes, answered by {@code endpoints}. */
  static Routes of(HttpEndpoints endpoints) {
    return new Routes(
        List.of(
            Route.probe(
                "/metrics",
                r -> completedFuture(new Response(200, PROMETHEUS_TYPE, endpoints.metrics()))),
            Route.probe(
                "/healthz", r -> completedFuture(Response.json(200, "{\"status\":\"ok\"}\n"))),
            Route.probe("/readyz", r -> completedFuture(readiness(endpoints))),
            Route.get(
                "/v1/status", r -> completedFuture(Response.json(200, endpoints.statusJson()))),
            Route.post("/v1/reload", r -> write(endpoints.reload())),
            Route.post(
                "/v1/captures",
                r -> write(endpoints.capture(r.body() == null ? "" : r.body().toString()))),
            Route.get("/v1/captures", r -> completedFuture(answer(endpoints.captures(r.path())))),
            Route.get(
                "/v1/captures/*", r -> completedFuture(answer(endpoints.captures(r.path()))))));
  }

  private static Response answer(HttpEndpoints.Reply reply) {
    return Response.json(reply.status(), reply.json());
  }

  /**
   * Whether {@code pattern} matches {@code path}: equal, or, for a pattern ending in {@code /*},
   * the pattern's prefix and one more non-empty segment ({@code /v1/captures/*} matches {@code
   * /v1/captures/42}).
   */
  static boolean matches(String pattern, String path) {
    if (!pattern.endsWith("/*")) {
      return pattern.equals(path);
    }
    String prefix = pattern.substring(0, pattern.length() - 1);
    return path.startsWith(prefix)
        && path.length() > prefix.length()
        && path.indexOf('/', prefix.length()) < 0;
  }

  List<Route> all() {
    return routes;
  }

  /** The route for {@code method} and {@code path}; HEAD finds the GET route. */
  Optional<Route> find(HttpMethod method, String path) {
    HttpMethod m = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
    return routes.stream().filter(r -> r.method().equals(m) && matches(r.path(), path)).findFirst();
  }

  /** The methods {@code path} answers, e.g. {@code GET, HEAD}; empty when the path is unknown. */
  List<String> methods(String path) {
    List<String> methods = new ArrayList<>();
    for (Route r : routes) {
      if (matches(r.path(), path)) {
        methods.add(r.method().name());
        if (HttpMethod.GET.equals(r.method())) {
          methods.add(HttpMethod.HEAD.name());
        }
      }
    }
    return methods;
  }

  /** The reply of a write, or 503 when it failed or took longer than a minute. */
  static CompletableFuture<Response> write(CompletableFuture<HttpEndpoints.Reply> work) {
    return work.copy() // the timeout must not complete a future other requests share
        .orTimeout(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .handle(
            (reply, failure) ->
                failure == null
                    ? Response.json(reply.status(), reply.json())
                    : Response.error(503, String.valueOf(failure)));
  }

  private static Response readiness(HttpEndpoints endpoints) {
    String reason = endpoints.notReadyReason();
    return reason == null
        ? Response.json(200, "{\"status\":\"ready\"}\n")
        : Response.json(
            503, "{\"status\":\"not_ready\",\"reason\":" + WriteGate.quote(reason) + "}\n");
  }
}
