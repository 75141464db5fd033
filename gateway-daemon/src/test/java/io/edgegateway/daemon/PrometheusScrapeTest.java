package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's package, installed by .ci/run) scrapes the gateway's {@code
 * /metrics}; its query API must then return the gateway's series.
 */
@ExtendWith(SharedKafkaExtension.class)
class PrometheusScrapeTest {
  @TempDir Path dir;

  @Test
  void prometheusScrapesTheGatewaySeries(EmbeddedKafka kafka) throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    kafka.createTopic("e2e.prometheus.telemetry", 1, false);
    GatewayConfig cfg =
        GatewayFixture.config(
            "hx-prom",
            dir.resolve("data"),
            domain,
            kafka.bootstrapServers(),
            "e2e.prometheus.telemetry");
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(5))) {
      int promPort = freePort();
      Path promConfig = dir.resolve("prometheus.yml");
      Files.writeString(
          promConfig,
          "global:\n  scrape_interval: 1s\n"
              + "scrape_configs:\n"
              + "  - job_name: edge-gateway\n"
              + "    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + gateway.httpPort()
              + "']\n");
      Process prometheus =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=" + promConfig,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  String up = query(promPort, "up{job=\"edge-gateway\"}");
                  assertThat(up).contains("\"status\":\"success\"").contains("\"1\"]");
                  String batches = query(promPort, "gateway_queue_batches");
                  assertThat(batches).contains("\"__name__\":\"gateway_queue_batches\"");
                  String lag = query(promPort, "gateway_uplink_lag_seconds");
                  assertThat(lag).contains("\"stream\":\"telemetry\"");
                });
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
    }
  }

  private static String query(int port, String promql) throws Exception {
    var res =
        Http.get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
