package io.edgegateway.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgegateway.core.config.HttpAuth;
import io.edgegateway.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Random requests against the real Netty server over sockets (seeded, so a failure repeats): random
 * methods, paths, versions, headers (tokens right and wrong), bodies (JSON, garbage bytes,
 * oversized, chunked, broken chunking) and pure garbage. Every request gets an HTTP response within
 * the timeout, never a 500, nothing is logged at ERROR or by Netty, and the server still answers
 * {@code /healthz} afterwards.
 */
class HttpFuzzTest {
  private static final long SEED = Long.getLong("http.fuzz.seed", 0x5eedL);
  private static final int CASES = 1000;
  private static final int TIMEOUT_MILLIS = 5000;
  private static final Set<Integer> EXPECTED = Set.of(200, 400, 401, 404, 405, 413, 414, 431);
  private static final String[] METHODS = {
    "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "get",
    "P0ST"
  };
  private static final String[] PATHS = {
    "/metrics",
    "/healthz",
    "/readyz",
    "/v1/status",
    "/v1/reload",
    "/v1/reload?x=1",
    "/v1/captures",
    "/",
    "*",
    "/v1/../v1/reload",
    "/%zz",
    "/%2e%2e/",
    "http://h/v1/reload",
    "/v1/reload#f",
    ""
  };
  private static final String[] HEADER_NAMES = {
    "Authorization", "Authorization", "Content-Type", "Accept", "Connection", "User-Agent", "X-A"
  };

  private final String token = UUID.randomUUID().toString();

  @Test
  void randomRequestsAllGetAnAnswer_andTheServerStaysUp() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    Random random = new Random(SEED);
    Map<Integer, Integer> statuses = new HashMap<>();
    HttpAuth auth = new HttpAuth(Path.of("/t"), new Secret(token), random.nextBoolean());
    try (HttpServer server =
        HttpServer.start(
            "127.0.0.1",
            0,
            new CountingEndpoints(),
            new HttpAccess(() -> Optional.of(auth), new SimpleMeterRegistry(), f -> {}))) {
      for (int i = 0; i < CASES; i++) {
        boolean[] head = {false};
        byte[] request = request(random, head);
        RawHttp.Answer answer;
        try (RawHttp http = new RawHttp(server.port(), TIMEOUT_MILLIS)) {
          http.send(request);
          answer = http.read(head[0]);
        } catch (Exception e) {
          throw new AssertionError(
              "case " + i + " got no answer (" + e + ") to: " + printable(request), e);
        }
        assertThat(answer.status()).as("case %d: %s", i, printable(request)).isIn(EXPECTED);
        statuses.merge(answer.status(), 1, Integer::sum);
      }
      try (RawHttp http = new RawHttp(server.port(), TIMEOUT_MILLIS)) {
        http.send(
            ("GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(http.read().status()).isEqualTo(200);
      }
    } finally {
      root.detachAppender(logs);
    }
    // the generator reaches the interesting answers, not only 400s
    assertThat(statuses.keySet()).contains(200, 400, 401, 404, 405, 413);
    assertThat(logs.list)
        .filteredOn(
            e ->
                e.getLevel().isGreaterOrEqual(Level.ERROR)
                    || e.getLoggerName().startsWith("io.netty"))
        .isEmpty();
    assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(token));
  }

  private byte[] request(Random r, boolean[] head) {
    if (r.nextInt(10) == 0) {
      return garbage(r);
    }
    String method = r.nextInt(8) == 0 ? randomText(r, 1 + r.nextInt(10)) : pick(r, METHODS);
    head[0] = method.equals("HEAD");
    String path = r.nextInt(6) == 0 ? randomPath(r) : pick(r, PATHS);
    String version =
        r.nextInt(12) == 0 ? pick(r, new String[] {"HTTP/1.0", "HTTP/9.9", "XYZ"}) : "HTTP/1.1";
    StringBuilder head0 = new StringBuilder(method + " " + path + " " + version + "\r\n");
    if (r.nextInt(10) != 0) {
      head0.append("Host: x\r\n");
    }
    int headers = r.nextInt(6);
    for (int i = 0; i < headers; i++) {
      String name = r.nextInt(6) == 0 ? randomText(r, 1 + r.nextInt(12)) : pick(r, HEADER_NAMES);
      head0.append(name).append(": ").append(headerValue(r, name)).append("\r\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] body = body(r);
    int framing = r.nextInt(5);
    if (framing == 0) {
      out.writeBytes(head0.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    } else if (framing == 1) {
      head0.append("Transfer-Encoding: chunked\r\n\r\n");
      out.writeBytes(head0.toString().getBytes(StandardCharsets.ISO_8859_1));
      chunked(r, body, out);
    } else {
      head0.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.writeBytes(head0.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private String headerValue(Random r, String name) {
    if (name.equals("Authorization")) {
      return switch (r.nextInt(6)) {
        case 0, 1 -> "Bearer " + token;
        case 2 -> "Bearer " + UUID.randomUUID();
        case 3 -> "Basic " + token;
        case 4 -> "Bearer";
        default -> randomText(r, r.nextInt(40));
      };
    }
    return r.nextInt(4) == 0 ? latin1(r, r.nextInt(60)) : randomText(r, r.nextInt(60));
  }

  private static byte[] body(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> new byte[0];
      case 1 -> "{\"reason\":\"fuzz\"}".getBytes(StandardCharsets.UTF_8);
      case 2 -> "{\"a\": [1, 2, {\"b\": nul".getBytes(StandardCharsets.UTF_8);
      case 3 -> "[".repeat(3000).getBytes(StandardCharsets.UTF_8);
      case 4 -> bytes(r, 65 * 1024 + r.nextInt(100 * 1024));
      default -> bytes(r, r.nextInt(2000));
    };
  }

  private static void chunked(Random r, byte[] body, ByteArrayOutputStream out) {
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, 1 + r.nextInt(16 * 1024));
      String size = r.nextInt(40) == 0 ? "zz" : Integer.toHexString(n);
      out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      at += n;
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Random bytes that start like a token (a request, not idle whitespace) and end a header block.
   */
  private static byte[] garbage(Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('A' + r.nextInt(26));
    out.writeBytes(bytes(r, r.nextInt(r.nextBoolean() ? 100 : 20_000)));
    out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String randomPath(Random r) {
    StringBuilder b = new StringBuilder("/");
    int n = r.nextInt(4) == 0 ? 5000 + r.nextInt(5000) : r.nextInt(80);
    String alphabet = "abcxyz019/%?&=#.~-_+;:@!$'()*,\"<>[]{}|\\^`";
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String randomText(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) (0x21 + r.nextInt(0x5e)));
    }
    return b.toString();
  }

  /** Latin-1 text including control characters, but no line breaks (those would end the header). */
  private static String latin1(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      char c = (char) r.nextInt(256);
      b.append(c == '\r' || c == '\n' ? ' ' : c);
    }
    return b.toString();
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static String pick(Random r, String[] from) {
    return from[r.nextInt(from.length)];
  }

  private static String printable(byte[] request) {
    String text =
        new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
    return text.replace("\r", "\\r").replace("\n", "\\n") + (request.length > 300 ? "..." : "");
  }
}
