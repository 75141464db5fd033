package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.HttpSettings;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * How a CLI command reaches the HTTP API of the gateway running on a config ({@code reload}, {@code
 * capture}): the address of its {@code http.bind} and the bearer token of its {@code http.auth}.
 */
final class GatewayApi {
  private GatewayApi() {}

  /** {@code path} on the config's {@code http.bind}; a wildcard bind is reached on loopback. */
  static URI uri(HttpSettings http, String path) {
    String host = reachable(http.host());
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port() + path);
  }

  /**
   * Adds the token of the config's {@code http.auth.token_file} (read and checked when the config
   * was loaded) to {@code request}; nothing without {@code http.auth}.
   */
  static HttpRequest.Builder authorized(HttpRequest.Builder request, HttpSettings http) {
    http.auth().ifPresent(a -> request.header("Authorization", "Bearer " + a.token().reveal()));
    return request;
  }

  /** Loopback for a wildcard bind, which is not an address to connect to. */
  private static String reachable(String host) {
    return switch (host) {
      case "0.0.0.0", "" -> "127.0.0.1";
      case "::", "::0" -> "::1";
      default -> host;
    };
  }
}
