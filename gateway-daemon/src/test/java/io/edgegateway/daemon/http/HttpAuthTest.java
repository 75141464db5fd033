package io.edgegateway.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.HttpAuth;
import io.edgegateway.core.config.Secret;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code http.auth} on the real Netty server: writes and {@code /v1/status} need the bearer token
 * (401 with {@code WWW-Authenticate: Bearer} and a JSON reason otherwise, counted per route, told
 * to the listener, the token never echoed), probes stay open unless {@code protect_metrics}, a new
 * token applies to the next request.
 */
class HttpAuthTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String token = UUID.randomUUID().toString();
  private final AtomicReference<Optional<HttpAuth>> auth =
      new AtomicReference<>(Optional.of(auth(token, false)));
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<AuthFailureListener.Failure> failures = new CopyOnWriteArrayList<>();
  private final CountingEndpoints endpoints = new CountingEndpoints();
  private HttpServer server;

  private static HttpAuth auth(String token, boolean protectMetrics) {
    return new HttpAuth(Path.of("/etc/edge-gateway/http.token"), new Secret(token), protectMetrics);
  }

  private HttpServer start(String host) {
    server =
        HttpServer.start(host, 0, endpoints, new HttpAccess(auth::get, registry, failures::add));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> call(String method, String path, @Nullable String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("")
                    : HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private double failuresCounted(String route) {
    var counter = registry.find("gateway.http.auth.failures").tag("route", route).counter();
    return counter == null ? -1 : counter.count();
  }

  @Test
  void aWriteWithoutAToken_is401WithAChallengeAndAJsonReason_andNothingRuns() throws Exception {
    start("127.0.0.1");

    HttpResponse<String> res = call("POST", "/v1/reload", null);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(res.body()).startsWith("{\"error\":\"missing bearer token");
    assertThat(endpoints.reloads).hasValue(0);
    assertThat(failuresCounted("/v1/reload")).isEqualTo(1.0);
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.method()).isEqualTo("POST");
              assertThat(f.route()).isEqualTo("/v1/reload");
              assertThat(f.reason()).isEqualTo("missing");
              assertThat(f.remote()).contains("127.0.0.1");
            });
  }

  @Test
  void aWrongToken_is401AndIsNeverEchoed() throws Exception {
    start("127.0.0.1");
    String wrong = "wrong-" + UUID.randomUUID();

    HttpResponse<String> res = call("POST", "/v1/reload", "Bearer " + wrong);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.body()).startsWith("{\"error\":\"invalid bearer token").doesNotContain(wrong);
    assertThat(res.headers().map().toString()).doesNotContain(wrong).doesNotContain(token);
    assertThat(res.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"edge-gateway\", error=\"invalid_token\"");
    assertThat(failures)
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("invalid"));
    assertThat(failures.get(0).toString()).doesNotContain(wrong);
    assertThat(endpoints.reloads).hasValue(0);
  }

  @Test
  void anotherScheme_is401Malformed() throws Exception {
    start("127.0.0.1");

    HttpResponse<String> res = call("POST", "/v1/reload", "Basic " + token);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.body()).contains("not a bearer token").doesNotContain(token);
    assertThat(failures)
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("malformed"));
  }

  @Test
  void theRightToken_writes_evenOnANonLoopbackBind() throws Exception {
    start("0.0.0.0");

    HttpResponse<String> res = call("POST", "/v1/reload", "bearer " + token);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"ok\":true}\n");
    assertThat(endpoints.reloads).hasValue(1);
    assertThat(failuresCounted("/v1/reload")).isZero();
  }

  @Test
  void statusNeedsTheToken_probesDoNot() throws Exception {
    start("127.0.0.1");

    assertThat(call("GET", "/v1/status", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/v1/status", "Bearer " + token).body())
        .isEqualTo("{\"status\":\"fine\"}\n");
    assertThat(call("GET", "/metrics", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/healthz", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/readyz", null).statusCode()).isEqualTo(200);
    assertThat(failuresCounted("/v1/status")).isEqualTo(1.0);
    assertThat(failuresCounted("/metrics")).isZero();
  }

  @Test
  void protectMetrics_closesTheProbesToo() throws Exception {
    auth.set(Optional.of(auth(token, true)));
    start("127.0.0.1");

    for (String probe : new String[] {"/metrics", "/healthz", "/readyz"}) {
      assertThat(call("GET", probe, null).statusCode()).as(probe).isEqualTo(401);
      assertThat(call("GET", probe, "Bearer " + token).statusCode()).as(probe).isEqualTo(200);
    }
    assertThat(failuresCounted("/metrics")).isEqualTo(1.0);
  }

  @Test
  void aNewTokenAppliesToTheNextRequest_theOldOneIsRefused() throws Exception {
    start("127.0.0.1");
    assertThat(call("POST", "/v1/reload", "Bearer " + token).statusCode()).isEqualTo(200);

    String rotated = UUID.randomUUID().toString();
    auth.set(Optional.of(auth(rotated, false)));

    assertThat(call("POST", "/v1/reload", "Bearer " + token).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/v1/reload", "Bearer " + rotated).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAuth_writesNeedALoopbackBind_andStatusIsOpen() throws Exception {
    auth.set(Optional.empty());
    start("0.0.0.0");

    HttpResponse<String> write = call("POST", "/v1/reload", null);

    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("loopback http.bind").contains("http.auth.token_file");
    assertThat(call("GET", "/v1/status", null).statusCode()).isEqualTo(200);
    assertThat(failures).isEmpty();
  }

  @Test
  void theRouteTagIsBounded_unknownPathsAre404BeforeAuth() throws Exception {
    start("127.0.0.1");

    for (int i = 0; i < 5; i++) {
      assertThat(call("POST", "/v1/nope" + i, null).statusCode()).isEqualTo(404);
    }

    assertThat(registry.find("gateway.http.auth.failures").counters())
        .extracting(c -> c.getId().getTag("route"))
        .containsExactlyInAnyOrder(
            "/metrics",
            "/healthz",
            "/readyz",
            "/v1/status",
            "/v1/reload",
            "/v1/captures",
            "/v1/captures/*");
  }
}
