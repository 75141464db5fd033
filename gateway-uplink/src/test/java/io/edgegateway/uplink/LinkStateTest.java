package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.Uplink.UplinkState;
import org.junit.jupiter.api.Test;

class LinkStateTest {
  private final LinkState state = new LinkState("broker:9092");

  @Test
  void initialised_connectsOnlyFromConnecting() {
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTING);
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTED);

    state.transition(UplinkState.DISCONNECTED, "broker gone");
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.DISCONNECTED);
  }

  @Test
  void fenced_isFinalUntilClosed() {
    assertThat(state.fence("taken over")).isTrue();

    state.transition(UplinkState.CONNECTED, "delivered");
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.FENCED);
    assertThat(state.isClosed()).isFalse();

    assertThat(state.close()).isEqualTo(UplinkState.FENCED);
    assertThat(state.isClosed()).isTrue();
  }

  @Test
  void closed_isFinal() {
    assertThat(state.close()).isEqualTo(UplinkState.CONNECTING);
    assertThat(state.fence("taken over")).isFalse();
    state.transition(UplinkState.DISCONNECTED, "broker gone");
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.CLOSED);
    assertThat(state.close()).isEqualTo(UplinkState.CLOSED);
  }
}
