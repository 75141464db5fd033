package io.edgegateway.daemon.http;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.config.HttpAuth;
import io.edgegateway.core.config.Secret;
import io.edgegateway.daemon.http.Route.Access;
import io.edgegateway.daemon.http.Route.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The route table: every POST is a write and only POSTs are, so a write route added later (say
 * {@code POST /v1/captures}) is behind the token without code of its own.
 */
class RouteTableTest {
  @Test
  void everyPostOfTheGatewaysTableIsAWrite_andEveryWriteIsAPost() {
    for (Route r : Routes.of(new CountingEndpoints()).all()) {
      assertThat(r.access() == Access.WRITE)
          .as(r.path())
          .isEqualTo(HttpMethod.POST.equals(r.method()));
    }
    assertThatThrownBy(
            () -> new Route(HttpMethod.POST, "/x", Access.READ, q -> completedFuture(null)))
        .hasMessageContaining("every POST is a write");
    assertThatThrownBy(
            () -> new Route(HttpMethod.GET, "/x", Access.WRITE, q -> completedFuture(null)))
        .hasMessageContaining("only POSTs are");
  }

  @Test
  void aWriteRouteAddedToTheTable_needsTheTokenAndGetsItsJsonBody() throws Exception {
    String token = UUID.randomUUID().toString();
    AtomicInteger calls = new AtomicInteger();
    List<Route> routes = new ArrayList<>(Routes.of(new CountingEndpoints()).all());
    routes.add(
        Route.post(
            "/v1/example",
            q -> {
              calls.incrementAndGet();
              return completedFuture(
                  Response.json(202, "{\"reason\":" + q.body().get("reason") + "}\n"));
            }));
    HttpAccess access =
        new HttpAccess(
            () -> Optional.of(new HttpAuth(Path.of("/t"), new Secret(token), false)),
            new SimpleMeterRegistry(),
            f -> {});
    try (HttpServer server = HttpServer.start("127.0.0.1", 0, new Routes(routes), access)) {
      String body = "{\"reason\":\"fall\"}";
      String request =
          "POST /v1/example HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n";
      RawHttp.Answer refused;
      RawHttp.Answer accepted;
      try (RawHttp http = new RawHttp(server.port(), 5000)) {
        http.send((request + "\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        refused = http.read();
        http.send(
            (request + "Authorization: Bearer " + token + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        accepted = http.read();
      }

      assertThat(refused.status()).isEqualTo(401);
      assertThat(accepted.status()).isEqualTo(202);
      assertThat(accepted.body()).isEqualTo("{\"reason\":\"fall\"}\n");
      assertThat(calls).hasValue(1);
    }
  }
}
