package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard (deploy/grafana/edge-gateway.json) and the alert rules
 * (deploy/prometheus/alerts.yml) name is exported by a real running gateway: a gateway with
 * telemetry topics fed by a Cyclone DDS publisher and a control topic with a relay, real Kafka, and
 * Debian's Prometheus scraping it with the alert rules loaded. Prometheus then has to list each
 * name, evaluate every dashboard query without error and report every rule healthy.
 */
@ExtendWith(SharedKafkaExtension.class)
class MonitoringMetricsExistTest {
  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  private static final Pattern RULE_EXPR = Pattern.compile("(?m)^\\s+expr: (.+)$");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyMetricOfTheDashboardAndTheAlertsIsInARealScrape(EmbeddedKafka kafka) throws Exception {
    List<String> dashboardExprs = dashboardExpressions();
    Set<String> names = monitoredNames();
    assertThat(names).hasSizeGreaterThan(25).contains("gateway_queue_bytes");
    // exported only with uplink.kafka.tls: TlsEndToEndTest checks them in its scrape
    names.removeIf(n -> n.startsWith(TLS_ONLY));

    int domain = DdsDomains.forTest(getClass(), 0);
    int relayDomain = DdsDomains.forTest(getClass(), 1);
    GatewayFixture.createTopics(kafka, "e2e.monitoring.telemetry");
    GatewayConfig cfg = config(domain, relayDomain, kafka.bootstrapServers());
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(5));
        CycloneProcess publisher =
            GatewayFixture.cyclone()
                .startPublisher(
                    domain, GatewayFixture.STRING_TOPIC, 50, GatewayFixture.IMU_TOPIC, 50)) {
      assertThat(publisher.waitFor(Duration.ofSeconds(60)))
          .as("publisher exit code; stderr: %s", publisher.stderr())
          .isZero();
      int promPort = freePort();
      Files.copy(DEPLOY.resolve("prometheus/alerts.yml"), dir.resolve("alerts.yml"));
      Files.writeString(
          dir.resolve("prometheus.yml"),
          "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
              + "rule_files: ['alerts.yml']\n"
              + "scrape_configs:\n"
              + "  - job_name: edge-gateway\n"
              + "    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + gateway.httpPort()
              + "']\n"
              + "        labels: {robot: hx-monitoring}\n");
      Process prometheus =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  Set<String> exported = exportedNames(promPort);
                  Set<String> missing = new TreeSet<>(names);
                  missing.removeAll(exported);
                  assertThat(missing).as("named but not exported").isEmpty();
                  assertThat(rulesHealth(promPort)).as("rule health").containsOnly("ok");
                });
        for (String expr : dashboardExprs) {
          Matcher labelValues = LABEL_VALUES.matcher(expr);
          if (labelValues.matches()) {
            // A template variable: Grafana asks the label-values API; the robot has to be listed.
            JsonNode res =
                get(
                    promPort,
                    "/api/v1/label/"
                        + labelValues.group(2)
                        + "/values?match[]="
                        + encode(grafanaVariables(labelValues.group(1))));
            assertThat(res.path("data")).as("%s: %s", expr, res).isNotEmpty();
            continue;
          }
          JsonNode res = get(promPort, "/api/v1/query?query=" + encode(grafanaVariables(expr)));
          assertThat(res.path("status").asText()).as("%s: %s", expr, res).isEqualTo("success");
        }
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
    }
  }

  /** Every PromQL expression of the dashboard: panel targets and template-variable queries. */
  /** Metrics whose names start with this exist only when {@code uplink.kafka.tls} is set. */
  static final String TLS_ONLY = "gateway_tls_";

  /** Every metric name the dashboard and the alert rules use. */
  static Set<String> monitoredNames() throws Exception {
    Set<String> names = new TreeSet<>();
    dashboardExpressions().forEach(e -> names.addAll(PromqlMetricNames.of(e)));
    ruleExpressions().forEach(e -> names.addAll(PromqlMetricNames.of(e)));
    return names;
  }

  static List<String> dashboardExpressions() throws Exception {
    JsonNode dash = JSON.readTree(DEPLOY.resolve("grafana/edge-gateway.json").toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dash.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asText());
      }
    }
    for (JsonNode var : dash.path("templating").path("list")) {
      if (var.path("type").asText().equals("query")) {
        exprs.add(var.path("definition").asText());
      }
    }
    return exprs;
  }

  static List<String> ruleExpressions() throws Exception {
    String rules = Files.readString(DEPLOY.resolve("prometheus/alerts.yml"));
    List<String> exprs = new ArrayList<>();
    Matcher m = RULE_EXPR.matcher(rules);
    while (m.find()) {
      exprs.add(m.group(1));
    }
    return exprs;
  }

  /** A dashboard query as Grafana sends it with every variable at "All". */
  private static String grafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("$robot", ".*")
        .replace("$instance", ".*");
  }

  private static Set<String> exportedNames(int port) throws Exception {
    Set<String> names = new TreeSet<>();
    get(port, "/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Set<String> rulesHealth(int port) throws Exception {
    Set<String> health = new TreeSet<>();
    for (JsonNode group : get(port, "/api/v1/rules").path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        health.add(
            rule.path("health").asText()
                + (rule.has("lastError") ? " " + rule.path("lastError").asText() : ""));
      }
    }
    return health;
  }

  private static JsonNode get(int port, String path) throws Exception {
    var res = Http.get(port, path);
    return JSON.readTree(res.body());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private GatewayConfig config(int domain, int relayDomain, String bootstrap) {
    String yaml =
        "gateway: {robot_id: hx-monitoring, data_dir: '"
            + dir.resolve("data")
            + "'}\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - match: "
            + GatewayFixture.STRING_TOPIC
            + "\n"
            + "      type: std_msgs/msg/String\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "      sample: {max_rate_hz: 1000}\n"
            + "    - match: "
            + GatewayFixture.IMU_TOPIC
            + "\n"
            + "      type: sensor_msgs/msg/Imu\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "    - match: /monitoring/joint_commands\n"
            + "      type: trajectory_msgs/msg/JointTrajectory\n"
            + "      class: control\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "      max_sample_bytes: 4096\n"
            + "      relay: {to_domain: "
            + relayDomain
            + "}\n"
            + "      mirror: {max_rate_hz: 50}\n"
            + "buffer:\n"
            + "  batch: {max_bytes: 16KiB, linger_ms: 100}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + bootstrap
            + "'}\n"
            + "  streams:\n"
            + "    telemetry: {topic: e2e.monitoring.telemetry}\n"
            + "  checkpoint_topic: "
            + GatewayFixture.checkpointTopic("e2e.monitoring.telemetry")
            + "\n"
            + "http:\n"
            + "  bind: 127.0.0.1:0\n"
            + "capture:\n"
            + "  ring: {max_bytes: 16MiB, max_age: 30s}\n";
    return ConfigLoader.parse("monitoring.yaml", yaml, name -> null).orElseThrow();
  }
}
