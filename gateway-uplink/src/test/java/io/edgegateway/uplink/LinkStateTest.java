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

    state.deliveryFailed("broker gone");
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.DISCONNECTED);
  }

  @Test
  void fenced_isFinalUntilClosed() {
    assertThat(state.fence("taken over")).isTrue();

    state.delivered("delivered");
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
    state.deliveryFailed("broker gone");
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.CLOSED);
    assertThat(state.close()).isEqualTo(UplinkState.CLOSED);
  }

  @Test
  void unansweredProbe_disconnectsAndAnAnswerReconnects() {
    state.initialised("edge-gateway/r");
    state.unanswered("no answer within 1000 ms");
    assertThat(state.get()).isEqualTo(UplinkState.DISCONNECTED);
    state.answered();
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTED);
  }

  @Test
  void answeredProbe_doesNotUndoAFailedDelivery() {
    state.initialised("edge-gateway/r");
    state.unanswered("no answer");
    state.deliveryFailed("not acknowledged within 10 s");
    state.answered();
    assertThat(state.get()).isEqualTo(UplinkState.DISCONNECTED);
    state.delivered("delivered 1 batch(es)");
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTED);
  }

  @Test
  void unansweredProbe_beforeInitialisation_disconnectsThenReturnsToConnecting() {
    state.unanswered("no answer");
    assertThat(state.get()).isEqualTo(UplinkState.DISCONNECTED);
    state.answered();
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTING);
    state.initialised("edge-gateway/r");
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTED);
  }

  @Test
  void delivered_alsoCountsAsAnAnswer() {
    state.initialised("edge-gateway/r");
    state.unanswered("no answer");
    state.delivered("delivered 1 batch(es)");
    assertThat(state.get()).isEqualTo(UplinkState.CONNECTED);
  }
}
