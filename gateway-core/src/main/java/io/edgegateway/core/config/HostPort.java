package io.edgegateway.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code host:port} pair as written in the config; IPv6 hosts go in brackets. */
record HostPort(String host, int port) {
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})");

  static HostPort parse(String text) {
    Matcher m = HOST_PORT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected host:port like 127.0.0.1:9464 or [::1]:9464, got '" + text + "'");
    }
    int port = Integer.parseInt(m.group(2));
    if (port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " is out of range in '" + text + "' (expected 0..65535)");
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
