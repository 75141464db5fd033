package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reload --config FILE}: validates FILE here (exit 2 and one {@code FILE:LINE:COL} line per
 * error if invalid), then asks the gateway running on that config to reload it, with {@code POST
 * /v1/reload} to the config's {@code http.bind} (a wildcard bind is reached on loopback). Exit 0
 * when the daemon applied it (or it was unchanged), 1 when the daemon refused it or cannot be
 * reached. With {@code http.auth} it sends {@code Authorization: Bearer <token>} from the config's
 * {@code token_file}; without it, writes need a loopback bind (on another bind use SIGHUP, {@code
 * systemctl reload edge-gateway}).
 */
@Command(
    name = "reload",
    description = "Validate a config file and ask the running gateway to reload it.")
final class ReloadCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(70);

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "YAML config file")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<GatewayConfig> cfg = ConfigFiles.load(config, err);
    if (cfg.isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    URI uri = GatewayApi.uri(cfg.get().http(), "/v1/reload");
    HttpResponse<String> res;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody());
      res =
          client.send(
              GatewayApi.authorized(request, cfg.get().http()).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println(
          "edge-gateway: no gateway answers on " + uri + " (is it running with " + config + "?)");
      return EdgeGatewayCli.EXIT_FAILURE;
    } catch (IOException e) {
      err.println("edge-gateway: " + uri + ": " + e);
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(res.body());
    } catch (IOException e) {
      err.println("edge-gateway: " + uri + " answered " + res.statusCode() + ": " + res.body());
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    if (res.statusCode() == 401) {
      err.println(
          "edge-gateway: the gateway refused the token of "
              + cfg.get().http().auth().map(a -> a.tokenFile().toString()).orElse("(none)")
              + " (HTTP 401): "
              + body.path("error").asText(""));
      err.println(
          "edge-gateway: if that file changed since the gateway last read it, apply it with SIGHUP"
              + " (systemctl reload edge-gateway)");
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    warnIfOtherFile(body.path("file").asText(""), err);
    if (res.statusCode() == 200 && body.path("ok").asBoolean(false)) {
      out.println(
          "reloaded: generation "
              + body.path("generation").asLong()
              + " (sha256 "
              + body.path("sha256").asText()
              + ")");
      return 0;
    }
    err.println(
        "edge-gateway: reload refused (HTTP "
            + res.statusCode()
            + "), the gateway keeps its config:");
    err.println(body.path("error").asText(res.body()));
    return EdgeGatewayCli.EXIT_FAILURE;
  }

  /** The daemon reloads its own --config file: say so when that is not the one validated here. */
  private void warnIfOtherFile(String daemonFile, PrintWriter err) {
    if (daemonFile.isEmpty()) {
      return;
    }
    try {
      if (!Files.isSameFile(Path.of(daemonFile), config)) {
        err.println(
            "edge-gateway: note: the gateway reloads its own file "
                + daemonFile
                + ", not "
                + config);
      }
    } catch (IOException | RuntimeException e) {
      // cannot compare (gone, other namespace): say nothing
    }
  }
}
