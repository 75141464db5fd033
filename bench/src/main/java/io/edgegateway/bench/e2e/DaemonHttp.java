package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's HTTP endpoints as the bench uses them: {@code /readyz} and {@code /metrics} on
 * 127.0.0.1, each request with a 2 s timeout. Remembers the text of the last metrics scrape.
 */
final class DaemonHttp {
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
  private volatile String lastMetricsText = "";

  DaemonHttp(int port) {
    this.port = port;
  }

  /**
   * Whether {@code /readyz} answers 200.
   *
   * @throws IOException if the daemon is not listening (yet)
   */
  boolean ready() throws IOException, InterruptedException {
    return get("/readyz").statusCode() == 200;
  }

  /** The parsed metrics, or empty if the daemon does not answer with 200. */
  Optional<PromText> scrape() {
    try {
      HttpResponse<String> resp = get("/metrics");
      if (resp.statusCode() != 200) {
        return Optional.empty();
      }
      lastMetricsText = resp.body();
      return Optional.of(PromText.parse(resp.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The text of the last successful {@link #scrape()}; empty before the first. */
  String lastMetricsText() {
    return lastMetricsText;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(HTTP_TIMEOUT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
