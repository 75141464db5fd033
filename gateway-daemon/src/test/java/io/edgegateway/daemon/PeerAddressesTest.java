package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PeerAddresses}: {@code ros2.peers} entries to addresses. */
class PeerAddressesTest {
  @Test
  void hostsAndAddresses_resolveInOrder() throws Exception {
    assertThat(PeerAddresses.resolve(List.of("127.0.0.1", "localhost", "10.0.0.2")))
        .containsExactly(
            InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("localhost"),
            InetAddress.getByName("10.0.0.2"));
  }

  @Test
  void anUnresolvableHost_isAConfigErrorNamingIt() {
    assertThatThrownBy(() -> PeerAddresses.resolve(List.of("no-such-peer.invalid")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ros2.peers: cannot resolve 'no-such-peer.invalid'");
  }
}
