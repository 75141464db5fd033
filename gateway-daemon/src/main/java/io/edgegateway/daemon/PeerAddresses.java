package io.edgegateway.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The addresses of {@code ros2.peers}, resolved once at start for every DDS participant. */
final class PeerAddresses {
  private PeerAddresses() {}

  /**
   * Resolves {@code ros2.peers} (host names or IPv4 addresses; the config refuses a port).
   *
   * @throws IllegalArgumentException naming the first host that cannot be resolved
   */
  static List<InetAddress> resolve(List<String> peers) {
    List<InetAddress> out = new ArrayList<>();
    for (String host : peers) {
      try {
        out.add(InetAddress.getByName(host));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("ros2.peers: cannot resolve '" + host + "'", e);
      }
    }
    return out;
  }
}
