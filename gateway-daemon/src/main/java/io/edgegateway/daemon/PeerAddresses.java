package io.edgegateway.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The addresses of {@code ros2.peers}, resolved once at start for every DDS participant. */
final class PeerAddresses {
  private PeerAddresses() {}

  /**
   * Resolves {@code ros2.peers} ({@code host} or {@code host:port}; the port is DDS's own, so it is
   * dropped; an IPv6 literal with several colons is taken whole).
   *
   * @throws IllegalArgumentException naming the first host that cannot be resolved
   */
  static List<InetAddress> resolve(List<String> peers) {
    List<InetAddress> out = new ArrayList<>();
    for (String peer : peers) {
      int colon = peer.lastIndexOf(':');
      String host = colon > 0 && peer.indexOf(':') == colon ? peer.substring(0, colon) : peer;
      try {
        out.add(InetAddress.getByName(host));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("ros2.peers: cannot resolve '" + host + "'", e);
      }
    }
    return out;
  }
}
