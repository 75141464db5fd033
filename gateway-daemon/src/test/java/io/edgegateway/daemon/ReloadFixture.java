package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Config text and HTTP calls for the live-reload tests. */
final class ReloadFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ReloadFixture() {}

  /**
   * A config with the given {@code ros2.topics} entries (YAML list items, indented 4) and buffer
   * lines (indented 2).
   */
  static String yaml(
      String robotId,
      Path dataDir,
      int domain,
      String bootstrap,
      String kafkaTopic,
      String topics,
      String buffer,
      String bind) {
    return "gateway:\n"
        + "  robot_id: "
        + robotId
        + "\n"
        + "  data_dir: '"
        + dataDir
        + "'\n"
        + "ros2:\n"
        + "  domain_id: "
        + domain
        + "\n"
        + (topics.isEmpty() ? "" : "  topics:\n" + topics)
        + "buffer:\n"
        + "  batch: {max_bytes: 16KiB, linger_ms: 50}\n"
        + buffer
        + GatewayFixture.uplinkYaml(bootstrap, kafkaTopic)
        + "http:\n"
        + "  bind: "
        + bind
        + "\n";
  }

  /** A reliable, keep-all rule for an exact topic. */
  static String rule(String topic, String type, String extra) {
    return "    - match: "
        + topic
        + "\n"
        + "      type: "
        + type
        + "\n"
        + "      qos: {reliability: reliable, history: keep_all}\n"
        + extra;
  }

  static HttpResponse<String> post(int port, String path, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(70))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode reload(Gateway gateway) throws IOException, InterruptedException {
    return JSON.readTree(post(gateway.httpPort(), "/v1/reload", "").body());
  }

  static JsonNode status(int port) throws IOException, InterruptedException {
    return JSON.readTree(Http.get(port, "/v1/status").body());
  }

  /** The ledger line of {@code topic}, or null. */
  static JsonNode ledger(JsonNode status, String topic) {
    for (JsonNode l : status.get("ledger")) {
      if (l.get("topic").asText().equals(topic)) {
        return l;
      }
    }
    return null;
  }

  /** The value of an unlabelled sample in a Prometheus scrape, or -1 if absent. */
  static double metric(String scrape, String name) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return -1;
  }
}
