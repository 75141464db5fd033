package io.edgegateway.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code http} section, from {@code bind: host:port} and {@code auth}.
 *
 * @param host address to bind, without brackets for IPv6
 * @param port TCP port 0..65535; 0 picks a free port
 * @param auth the bearer token; empty when {@code http.auth} is absent (then writes are accepted
 *     only on a loopback bind)
 */
public record HttpSettings(String host, int port, Optional<HttpAuth> auth) {
  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(auth, "auth");
    HostPort bind = new HostPort(host, port);
    try {
      HttpSchema.BIND.check(HostPort.parse(bind.toString()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bind : " + bind + " (expected: host:port with port 0..65535)", e);
    }
  }

  /** Without {@code http.auth}. */
  public HttpSettings(String host, int port) {
    this(host, port, Optional.empty());
  }

  /** {@code 127.0.0.1:9464}, no auth. */
  public static HttpSettings defaults() {
    HostPort bind = HttpSchema.BIND.defaultOrThrow();
    return new HttpSettings(bind.host(), bind.port());
  }

  /** The bind address as written in the config, e.g. {@code 127.0.0.1:9464}. */
  public String bind() {
    return new HostPort(host, port).toString();
  }

  /** These settings on another port (the demo picks a free one); the auth is kept. */
  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, auth);
  }
}
