package io.edgegateway.core.config;

import java.util.Objects;

/**
 * The {@code http} section, from {@code bind: host:port}.
 *
 * @param host address to bind, without brackets for IPv6
 * @param port TCP port 0..65535; 0 picks a free port
 */
public record HttpSettings(String host, int port) {
  public HttpSettings {
    Objects.requireNonNull(host, "host");
    HostPort bind = new HostPort(host, port);
    try {
      HttpSchema.BIND.check(HostPort.parse(bind.toString()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bind : " + bind + " (expected: host:port with port 0..65535)", e);
    }
  }

  /** {@code 127.0.0.1:9464}. */
  public static HttpSettings defaults() {
    HostPort bind = HttpSchema.BIND.defaultOrThrow();
    return new HttpSettings(bind.host(), bind.port());
  }

  /** The bind address as written in the config, e.g. {@code 127.0.0.1:9464}. */
  public String bind() {
    return new HostPort(host, port).toString();
  }
}
