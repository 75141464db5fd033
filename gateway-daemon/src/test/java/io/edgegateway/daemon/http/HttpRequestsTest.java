package io.edgegateway.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server answers requests it cannot serve, on a raw socket: 404, 405 with Allow, 400 with
 * the parser's message for a malformed JSON body, 413 with a JSON reason for a body over 64 KiB
 * (the connection stays usable), 400 for bytes that are not HTTP.
 */
class HttpRequestsTest {
  private static final int TIMEOUT_MILLIS = 5000;

  private final CountingEndpoints endpoints = new CountingEndpoints();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = HttpServer.start("127.0.0.1", 0, endpoints);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] post(String path, String body, String... headers) {
    StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    b.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    return concat(b.toString().getBytes(StandardCharsets.UTF_8), bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private RawHttp.Answer once(byte[] request) throws Exception {
    try (RawHttp http = new RawHttp(server.port(), TIMEOUT_MILLIS)) {
      http.send(request);
      return http.read();
    }
  }

  @Test
  void anUnknownPath_is404_aKnownPathWithAnotherMethod_is405WithAllow() throws Exception {
    RawHttp.Answer unknown = once("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    RawHttp.Answer delete = once("DELETE /v1/reload HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    RawHttp.Answer postMetrics = once(post("/metrics", ""));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not found\"}\n");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.headers()).containsEntry("allow", "POST");
    assertThat(delete.body()).contains("DELETE not allowed");
    assertThat(postMetrics.status()).isEqualTo(405);
    assertThat(postMetrics.headers()).containsEntry("allow", "GET, HEAD");
  }

  @Test
  void aMalformedJsonBody_is400WithAMessage_andNothingRuns() throws Exception {
    RawHttp.Answer broken = once(post("/v1/reload", "{\"a\": tru"));
    RawHttp.Answer trailing = once(post("/v1/reload", "{} {}"));
    RawHttp.Answer array = once(post("/v1/reload", "[1,2]"));

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.headers()).containsEntry("content-type", "application/json");
    assertThat(broken.body()).startsWith("{\"error\":\"malformed JSON body: ").contains("line 1");
    assertThat(trailing.status()).isEqualTo(400);
    assertThat(array.status()).isEqualTo(400);
    assertThat(array.body()).contains("expected a JSON object");
    assertThat(endpoints.reloads).hasValue(0);
  }

  @Test
  void aJsonObjectOrNoBody_isAccepted() throws Exception {
    assertThat(once(post("/v1/reload", "{\"why\":\"test\"}")).status()).isEqualTo(200);
    assertThat(once(post("/v1/reload", "")).status()).isEqualTo(200);
    assertThat(endpoints.reloads).hasValue(2);
  }

  @Test
  void aBodyOver64KiB_is413WithAJsonReason_andTheConnectionStaysUsable() throws Exception {
    try (RawHttp http = new RawHttp(server.port(), TIMEOUT_MILLIS)) {
      http.send(post("/v1/reload", "{\"x\":\"" + "a".repeat(64 * 1024) + "\"}"));
      RawHttp.Answer tooLarge = http.read();
      http.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer next = http.read();

      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.body())
          .isEqualTo("{\"error\":\"request body larger than 65536 bytes\"}\n");
      assertThat(next.status()).isEqualTo(200);
    }
    assertThat(endpoints.reloads).hasValue(0);
  }

  @Test
  void aChunkedBodyGrowingOver64KiB_is413() throws Exception {
    StringBuilder chunked =
        new StringBuilder(
            "POST /v1/reload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "b".repeat(8192);
    for (int i = 0; i < 10; i++) {
      chunked.append("2000\r\n").append(chunk).append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    try (RawHttp http = new RawHttp(server.port(), TIMEOUT_MILLIS)) {
      http.send(chunked.toString().getBytes(StandardCharsets.US_ASCII));

      assertThat(http.read().status()).isEqualTo(413);
    }
    assertThat(endpoints.reloads).hasValue(0);
  }

  @Test
  void anOversizedBodyOnAConnectionThatCloses_stillGetsTheAnswer() throws Exception {
    RawHttp.Answer res = once(post("/v1/reload", "c".repeat(200_000), "Connection: close"));

    assertThat(res.status()).isEqualTo(413);
    assertThat(res.headers()).containsEntry("connection", "close");
  }

  @Test
  void bytesThatAreNotHttp_are400() throws Exception {
    RawHttp.Answer res = once("\u0001garbage\u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(res.status()).isEqualTo(400);
    assertThat(res.body()).isEqualTo("{\"error\":\"malformed HTTP request\"}\n");
  }

  @Test
  void aTooLongHeader_is431() throws Exception {
    RawHttp.Answer res =
        once(("GET /healthz HTTP/1.1\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\n").getBytes());

    assertThat(res.status()).isEqualTo(431);
  }
}
