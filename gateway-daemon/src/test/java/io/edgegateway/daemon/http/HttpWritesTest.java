package io.edgegateway.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Writes on the real Netty server without {@code http.auth}: {@code POST /v1/reload} only on a
 * loopback bind (403 with a message otherwise), bodies over 64 KiB refused with 413, the reply sent
 * when the work completes.
 */
class HttpWritesTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Endpoints that count reloads and answer each when {@code done} completes. */
  private static final class Endpoints implements HttpEndpoints {
    final AtomicInteger reloads = new AtomicInteger();
    final CompletableFuture<Reply> done = new CompletableFuture<>();

    @Override
    public String metrics() {
      return "";
    }

    @Override
    public String notReadyReason() {
      return null;
    }

    @Override
    public String statusJson() {
      return "{}\n";
    }

    @Override
    public CompletableFuture<Reply> reload() {
      reloads.incrementAndGet();
      return done;
    }
  }

  private static HttpResponse<String> post(int port, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/reload"))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onANonLoopbackBind_aReloadIsRefusedWith403AndNothingRuns() throws Exception {
    Endpoints endpoints = new Endpoints();
    try (HttpServer server = HttpServer.start("0.0.0.0", 0, endpoints)) {
      HttpResponse<String> res = post(server.port(), "");

      assertThat(res.statusCode()).isEqualTo(403);
      assertThat(res.body()).contains("loopback http.bind").contains("0.0.0.0");
      assertThat(endpoints.reloads).hasValue(0);
    }
  }

  @Test
  void onALoopbackBind_theReplyIsSentWhenTheReloadCompletes() throws Exception {
    Endpoints endpoints = new Endpoints();
    try (HttpServer server = HttpServer.start("127.0.0.1", 0, endpoints)) {
      CompletableFuture<HttpResponse<String>> res =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return post(server.port(), "");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(200);
      assertThat(res).isNotDone();
      // the event loop is free meanwhile
      assertThat(
              CLIENT
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      endpoints.done.complete(new HttpEndpoints.Reply(200, "{\"ok\":true}\n"));

      assertThat(res.get().statusCode()).isEqualTo(200);
      assertThat(res.get().body()).isEqualTo("{\"ok\":true}\n");
      assertThat(endpoints.reloads).hasValue(1);
    }
  }

  @Test
  void aBodyOver64KiB_isRefusedWith413() throws Exception {
    Endpoints endpoints = new Endpoints();
    endpoints.done.complete(new HttpEndpoints.Reply(200, "{}\n"));
    try (HttpServer server = HttpServer.start("127.0.0.1", 0, endpoints)) {
      HttpResponse<String> res = post(server.port(), "x".repeat(64 * 1024 + 1));

      assertThat(res.statusCode()).isEqualTo(413);
      assertThat(endpoints.reloads).hasValue(0);
      assertThat(post(server.port(), "{\"x\":\"" + "x".repeat(1024) + "\"}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aPostToAReadPath_is405_aPostElsewhere_is404() throws Exception {
    try (HttpServer server = HttpServer.start("127.0.0.1", 0, new Endpoints())) {
      HttpResponse<String> res =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(405);
      assertThat(
              CLIENT
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/v1/nope"))
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);
    }
  }
}
