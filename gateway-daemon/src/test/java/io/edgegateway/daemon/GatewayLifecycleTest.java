package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** {@link GatewayLifecycle}: the start stages come in their one order. */
class GatewayLifecycleTest {
  private final GatewayLifecycle lifecycle =
      new GatewayLifecycle(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @Test
  void aStageOutOfOrder_isAWiringError() {
    assertThatThrownBy(() -> lifecycle.busJoined(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("start stage : BUS (expected: the stage after NOTHING)");
    assertThat(lifecycle.stage()).isEqualTo(GatewayLifecycle.Stage.NOTHING);
  }

  @Test
  void theStagesRunInDeclarationOrder() {
    lifecycle.queueOpened(null);
    lifecycle.ledgerOpened(null);
    lifecycle.uplinkCreated(null);
    assertThat(lifecycle.stage()).isEqualTo(GatewayLifecycle.Stage.UPLINK);
    assertThatThrownBy(() -> lifecycle.ledgerOpened(null))
        .hasMessage("start stage : LEDGER (expected: the stage after UPLINK)");
  }

  @Test
  void afterAFailedStart_nothingStartsAndStopDoesNothing() {
    lifecycle.queueOpened(null);
    lifecycle.abortStart(); // closes what was registered: nothing here

    assertThatThrownBy(() -> lifecycle.ledgerOpened(null))
        .hasMessage("start stage : LEDGER (expected: none, stopped)");
    lifecycle.stop();
  }
}
