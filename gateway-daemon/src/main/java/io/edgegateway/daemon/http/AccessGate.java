package io.edgegateway.daemon.http;

import io.edgegateway.core.config.HttpAuth;
import io.edgegateway.daemon.http.Route.Access;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one check every request passes before its handler runs. With {@code http.auth}: writes and
 * reads need {@code Authorization: Bearer <token>} (compared in constant time), probes too when
 * {@code protect_metrics}; a refusal is 401 with {@code WWW-Authenticate: Bearer}. Without it:
 * reads and probes are open and writes pass the {@link WriteGate} (loopback bind only, 403).
 */
final class AccessGate {
  /**
   * Why a request is refused.
   *
   * @param status 401 or 403
   * @param message the JSON error text; never contains the presented token
   * @param reason for 401: {@code missing}, {@code malformed} or {@code invalid}; else empty
   * @param challenge the {@code WWW-Authenticate} value of a 401; null for a 403
   */
  record Refusal(int status, String message, String reason, @Nullable String challenge) {}

  static final String REALM = "Bearer realm=\"edge-gateway\"";
  private static final String HOW =
      "send Authorization: Bearer <token>, the token of http.auth.token_file";

  private final WriteGate loopback;
  private final Supplier<Optional<HttpAuth>> auth;

  AccessGate(WriteGate loopback, Supplier<Optional<HttpAuth>> auth) {
    this.loopback = loopback;
    this.auth = auth;
  }

  /** Null when the request may proceed, else why not. */
  @Nullable Refusal check(Access access, @Nullable String authorization) {
    Optional<HttpAuth> current = auth.get();
    if (current.isEmpty()) {
      String refusal = access == Access.WRITE ? loopback.refusal() : null;
      return refusal == null ? null : new Refusal(403, refusal, "", null);
    }
    if (access == Access.PROBE && !current.get().protectMetrics()) {
      return null;
    }
    if (authorization == null || authorization.isBlank()) {
      return new Refusal(401, "missing bearer token: " + HOW, "missing", REALM);
    }
    String token = bearer(authorization);
    if (token == null) {
      return new Refusal(
          401, "the Authorization header is not a bearer token: " + HOW, "malformed", REALM);
    }
    if (!current.get().token().matches(token)) {
      return new Refusal(
          401, "invalid bearer token: " + HOW, "invalid", REALM + ", error=\"invalid_token\"");
    }
    return null;
  }

  /** The token of {@code Bearer <token>} (scheme case-insensitive); null for any other form. */
  private static @Nullable String bearer(String authorization) {
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String token = value.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }
}
