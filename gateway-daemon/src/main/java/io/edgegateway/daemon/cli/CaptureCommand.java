package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capture --config FILE --reason TEXT --pre 20s --post 5s [--topic T]...}: asks the gateway
 * running on FILE to capture an incident of {@code [now - pre, now + post]}, with {@code POST
 * /v1/captures} to the config's {@code http.bind} (a wildcard bind is reached on loopback). Prints
 * the incident id; exit 0 when the gateway took the request (202), 1 when it refused it (the reason
 * is printed, e.g. a window longer than the ring) or cannot be reached, 2 for bad options or an
 * invalid FILE.
 */
@Command(
    name = "capture",
    description = "Ask the running gateway to capture an incident around now.")
final class CaptureCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "YAML config file of the gateway")
  Path config;

  @Option(names = "--reason", required = true, description = "Why (stored with the incident)")
  String reason;

  @Option(
      names = "--pre",
      defaultValue = "20s",
      description = "Time kept before now (${DEFAULT-VALUE})")
  String pre;

  @Option(
      names = "--post",
      defaultValue = "10s",
      description = "Time kept after now (${DEFAULT-VALUE})")
  String post;

  @Option(names = "--topic", description = "Keep only this topic (repeatable; all by default)")
  List<String> topics = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration preWindow = CliDurations.parse(spec, "--pre", pre);
    Duration postWindow = CliDurations.parse(spec, "--post", post);
    Optional<GatewayConfig> cfg = ConfigFiles.load(config, err);
    if (cfg.isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    URI uri = GatewayApi.uri(cfg.get().http(), "/v1/captures");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("reason", reason);
    body.put("pre_s", preWindow.toMillis() / 1000.0);
    body.put("post_s", postWindow.toMillis() / 1000.0);
    if (!topics.isEmpty()) {
      ArrayNode list = body.putArray("topics");
      topics.forEach(list::add);
    }
    HttpResponse<String> res;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      res =
          client.send(
              GatewayApi.authorized(
                      HttpRequest.newBuilder(uri)
                          .timeout(TIMEOUT)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                      cfg.get().http())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println(
          "edge-gateway: no gateway answers on " + uri + " (is it running with " + config + "?)");
      return EdgeGatewayCli.EXIT_FAILURE;
    } catch (IOException e) {
      err.println("edge-gateway: " + uri + ": " + e);
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    JsonNode reply;
    try {
      reply = new ObjectMapper().readTree(res.body());
    } catch (IOException e) {
      reply = JsonNodeFactory.instance.objectNode();
    }
    if (res.statusCode() == 202) {
      out.println(
          "capture requested: incident "
              + reply.path("id").asText()
              + " ("
              + reply.path("state").asText()
              + "); see GET /v1/captures/"
              + reply.path("id").asText());
      return 0;
    }
    err.println(
        "edge-gateway: capture refused (HTTP "
            + res.statusCode()
            + "): "
            + reply.path("error").asText(res.body()));
    return EdgeGatewayCli.EXIT_FAILURE;
  }
}
