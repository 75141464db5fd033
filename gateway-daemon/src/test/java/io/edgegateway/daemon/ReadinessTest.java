package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.Uplink.UplinkState;
import org.junit.jupiter.api.Test;

/** {@link Readiness}: what {@code /readyz} reports, first reason first. */
class ReadinessTest {
  @Test
  void ready_whenBusJoinedDiskNotFullAndUplinkConnected() {
    Readiness r = Readiness.of(true, false, UplinkState.CONNECTED);
    assertThat(r.ready()).isTrue();
    assertThat(r.notReadyReason()).isNull();
  }

  @Test
  void busNotJoined_comesBeforeEveryOtherReason() {
    assertThat(Readiness.of(false, true, UplinkState.FENCED).notReadyReason())
        .isEqualTo("bus_not_joined");
  }

  @Test
  void queueDiskFull_comesBeforeTheUplink() {
    assertThat(Readiness.of(true, true, UplinkState.DISCONNECTED).notReadyReason())
        .isEqualTo("queue_disk_full");
  }

  @Test
  void uplinkNotConnected_namesItsState() {
    assertThat(Readiness.of(true, false, UplinkState.FENCED).notReadyReason())
        .isEqualTo("uplink_fenced");
    assertThat(Readiness.of(true, false, UplinkState.CONNECTING).notReadyReason())
        .isEqualTo("uplink_connecting");
    assertThat(Readiness.of(true, false, UplinkState.DISCONNECTED).notReadyReason())
        .isEqualTo("uplink_disconnected");
    assertThat(Readiness.of(true, false, UplinkState.CLOSED).ready()).isFalse();
  }
}
