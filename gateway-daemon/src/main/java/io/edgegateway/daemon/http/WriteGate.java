package io.edgegateway.daemon.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Who may write ({@code POST}) to the HTTP server when the gateway has no {@code http.auth} (bearer
 * token): writes are accepted only when {@code http.bind} is a loopback address, so only processes
 * on the robot itself can reach them; on any other bind every write is refused (403). With {@code
 * http.auth} the {@link AccessGate} asks for the token instead.
 */
final class WriteGate {
  private final @Nullable String refusal; // null when writes are allowed

  private WriteGate(@Nullable String refusal) {
    this.refusal = refusal;
  }

  /** The gate for a server bound to {@code host}. */
  static WriteGate forBind(String host) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      loopback = false;
    }
    return new WriteGate(
        loopback
            ? null
            : "writes are accepted only on a loopback http.bind (this server is bound to "
                + host
                + "); set http.auth.token_file, or use SIGHUP (systemctl reload edge-gateway) to"
                + " reload");
  }

  /** Null when a write may proceed, else why it is refused. */
  @Nullable String refusal() {
    return refusal;
  }

  /** {@code text} as a JSON string literal. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
