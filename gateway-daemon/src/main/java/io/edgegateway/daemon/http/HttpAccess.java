package io.edgegateway.daemon.http;

import io.edgegateway.core.config.HttpAuth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may call the HTTP server: the {@code http.auth} in effect (read on every request, so a reload
 * that changes the token applies to the next request), where auth failures are counted and who else
 * hears of them.
 *
 * @param auth the auth in effect; empty when {@code http.auth} is absent
 * @param registry where {@code gateway_http_auth_failures_total{route}} is counted
 * @param listener told of every 401 (the audit log's seam)
 */
public record HttpAccess(
    Supplier<Optional<HttpAuth>> auth, MeterRegistry registry, AuthFailureListener listener) {
  public HttpAccess {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(listener, "listener");
  }

  /** No {@code http.auth}: probes and reads open, writes only on a loopback bind. */
  public static HttpAccess withoutAuth() {
    return new HttpAccess(Optional::empty, new SimpleMeterRegistry(), AuthFailureListener.NONE);
  }
}
