package io.edgegateway.daemon;

import io.edgegateway.daemon.http.HttpEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

/** What the gateway's HTTP server serves: the metrics scrape, readiness and status, as text. */
final class GatewayEndpoints implements HttpEndpoints {
  private final PrometheusMeterRegistry registry;
  private final StatusReader status;

  GatewayEndpoints(PrometheusMeterRegistry registry, StatusReader status) {
    this.registry = registry;
    this.status = status;
  }

  @Override
  public String metrics() {
    return registry.scrape();
  }

  @Override
  public @Nullable String notReadyReason() {
    return status.readiness().notReadyReason();
  }

  @Override
  public String statusJson() {
    return StatusJson.of(status.status()).toPrettyString() + "\n";
  }
}
