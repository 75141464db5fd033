package io.edgegateway.daemon.http;

import java.util.Objects;

/**
 * Told about every request the HTTP server refused with 401: the seam for the audit log (DESIGN.md
 * section 9, "HTTP auth failures"), which does not exist yet. Called on the event-loop thread: it
 * must not block. It never gets the presented token.
 */
@FunctionalInterface
public interface AuthFailureListener {
  /** Ignores every failure. */
  AuthFailureListener NONE = failure -> {};

  void authFailed(Failure failure);

  /**
   * One refused request.
   *
   * @param method the request method, e.g. {@code POST}
   * @param route the route's path, e.g. {@code /v1/reload} (one of the route table's paths)
   * @param reason {@code missing} (no Authorization header), {@code malformed} (not {@code Bearer
   *     <token>}) or {@code invalid} (a token, but not the one of {@code http.auth.token_file})
   * @param remote the client's address, e.g. {@code /10.0.0.7:51234}
   * @param wallMillis when it was refused, epoch milliseconds
   */
  record Failure(String method, String route, String reason, String remote, long wallMillis) {
    public Failure {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(remote, "remote");
    }
  }
}
