package io.edgegateway.daemon.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens on a 401: {@code gateway_http_auth_failures_total{route}} (the route table's paths
 * only, so the tag is bounded), one WARN line without the token, and the {@link
 * AuthFailureListener}.
 */
final class AuthFailures {
  private static final Logger log = LoggerFactory.getLogger(AuthFailures.class);

  private final MeterRegistry registry;
  private final AuthFailureListener listener;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  AuthFailures(MeterRegistry registry, AuthFailureListener listener) {
    this.registry = registry;
    this.listener = listener;
  }

  /** Registers the counter of every route that can refuse, so each exists from the start at 0. */
  void register(Iterable<Route> routes) {
    routes.forEach(r -> counter(r.path()));
  }

  void failed(AuthFailureListener.Failure failure) {
    counter(failure.route()).increment();
    log.warn(
        "http auth failure: {} {} from {}: {} token",
        failure.method(),
        failure.route(),
        failure.remote(),
        failure.reason());
    try {
      listener.authFailed(failure);
    } catch (RuntimeException e) {
      log.warn("http auth failure listener failed: {}", e.toString());
    }
  }

  private Counter counter(String route) {
    return counters.computeIfAbsent(
        route,
        r ->
            Counter.builder("gateway.http.auth.failures")
                .description(
                    "HTTP requests refused with 401: missing, malformed or wrong bearer token")
                .tag("route", r)
                .register(registry));
  }
}
