package io.edgegateway.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code http.auth} section: the bearer token that writes, {@code /v1/status} (and, with {@code
 * protectMetrics}, the probes) need.
 *
 * @param tokenFile where the token was read from (re-read on every config reload)
 * @param token the token, the file's content without surrounding whitespace
 * @param protectMetrics whether {@code /metrics}, {@code /healthz} and {@code /readyz} need it too
 */
public record HttpAuth(Path tokenFile, Secret token, boolean protectMetrics) {
  public HttpAuth {
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(token, "token");
  }
}
