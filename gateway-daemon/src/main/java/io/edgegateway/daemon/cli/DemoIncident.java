package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.mcap.Ros2Export;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The demo's incident: halfway through the run it asks its own gateway for a capture ({@code POST
 * /v1/captures}, as {@code edge-gateway capture} does) of up to the last 10 s and the next 5 s,
 * waits for the incident to be sealed before the demo stops, and writes it as MCAP from the robot's
 * capture store ({@code export --config F --incident ID}) next to the demo's temp dir.
 */
final class DemoIncident {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final int fireAtSecond;
  private final Duration pre;
  private final Duration post;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private @Nullable String id;

  /** For a demo of {@code limit} whose gateway answers HTTP on {@code port}. */
  DemoIncident(int port, Duration limit) {
    this.port = port;
    long seconds = Math.max(2, limit.toSeconds());
    this.fireAtSecond = (int) (seconds / 2);
    this.pre = Duration.ofSeconds(Math.min(10, fireAtSecond));
    this.post = Duration.ofSeconds(Math.max(1, Math.min(5, seconds - fireAtSecond - 1)));
  }

  /** Called once a second of the run: fires the capture at the halfway second. */
  void tick(int second, PrintWriter out) {
    if (second != fireAtSecond || id != null) {
      return;
    }
    String body =
        "{\"reason\":\"demo: mid-run capture\",\"pre_s\":"
            + pre.toSeconds()
            + ",\"post_s\":"
            + post.toSeconds()
            + "}";
    try {
      HttpResponse<String> res =
          send(
              HttpRequest.newBuilder(uri("/v1/captures"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      JsonNode reply = JSON.readTree(res.body());
      if (res.statusCode() != 202) {
        out.printf("demo: capture refused (HTTP %d): %s%n", res.statusCode(), res.body().strip());
        return;
      }
      id = reply.path("id").asText();
      out.printf(
          "demo: t=%ds incident %s requested: the last %ds and the next %ds of every topic at"
              + " full rate%n",
          second, id, pre.toSeconds(), post.toSeconds());
    } catch (IOException e) {
      out.println("demo: capture request failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final java.util.Set<String> PAST_SEALING =
      java.util.Set.of("sealed", "uploading", "uploaded");

  /** Waits (at most {@code timeout}) until the incident is sealed; false if none or not sealed. */
  boolean awaitSealed(Duration timeout) throws InterruptedException {
    String incident = id;
    if (incident == null) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/v1/captures/" + incident)));
        // sealed, or already on its way to Kafka (uploading, uploaded)
        if (res.statusCode() == 200
            && PAST_SEALING.contains(JSON.readTree(res.body()).path("state").asText())) {
          return true;
        }
      } catch (IOException e) {
        // the gateway is busy or restarting its listener: ask again
      }
      Thread.sleep(200); // polling the gateway's own HTTP API, as an operator's script would
    }
    return false;
  }

  /**
   * Writes the sealed incident from {@code config}'s capture store to {@code dir} and prints where,
   * with how to open it; prints why not when it cannot.
   */
  void export(GatewayConfig config, Path dir, PrintWriter out, PrintWriter err) {
    String incident = id;
    if (incident == null) {
      return;
    }
    Path file = dir.resolve("edge-gateway-demo-incident-" + incident + ".mcap");
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (StoreExport store = StoreExport.open(config)) {
      Optional<String> refused = store.refusal(incident);
      if (refused.isPresent()) {
        out.println("demo: incident not exported: " + refused.get());
        return;
      }
      Ros2Export.Result result;
      try (IncidentBatchSource source = store.source(incident)) {
        result =
            ExportCommand.write(source, part, store.request(incident), err, false, () -> false);
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
      out.printf(
          "demo: incident %s: %d messages on %d topics written to %s (%s)%n"
              + "      open it in Foxglove (Open local file...) or inspect it: mcap info %s%n",
          incident,
          result.messages(),
          result.messagesByTopic().size(),
          file,
          ExportProgress.size(result.bytes()),
          file);
    } catch (Exception e) {
      out.println("demo: incident " + incident + " not exported: " + e);
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
  }
}
