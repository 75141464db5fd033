package io.edgegateway.testkit.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An OIDC token endpoint for tests (client credentials grant) and the JWKS a broker's {@code
 * OAuthBearerValidatorCallbackHandler} checks its tokens with, on two JDK HTTP servers on
 * 127.0.0.1. Tokens are RS256 JWTs ({@code SHA256withRSA}, a 2048-bit key made per instance) with
 * {@code sub} = the client id, {@link #ISSUER}, {@link #AUDIENCE}, {@code iat}, {@code exp} = now +
 * the lifetime, and {@code scope} when one was requested (Kafka's client refuses an empty one). The
 * client authenticates with HTTP Basic ({@code client_id:client_secret}, what Kafka sends) or form
 * fields; a wrong secret gets 401.
 *
 * <p>The token server can be put into a {@link Mode}: {@code DOWN} (port closed: connection
 * refused), {@code SLOW} (answers after {@link #slowDelay}), {@code GARBAGE} (200 with a body that
 * is not JSON). The JWKS server stays up in every mode (a broker caches the keys anyway).
 */
public final class TestTokenEndpoint implements AutoCloseable {
  public static final String ISSUER = "https://idp.test.invalid";
  public static final String AUDIENCE = "edge-gateway-test";
  private static final String KID = "test-key-1";

  /** How the token server behaves. */
  public enum Mode {
    OK,
    DOWN,
    SLOW,
    GARBAGE
  }

  private final String clientId;
  private final String clientSecret;
  private final KeyPair keys;
  private final int tokenPort;
  private final HttpServer jwks;
  private final ExecutorService handlers;
  private volatile Duration lifetime;
  private volatile Duration slowDelay = Duration.ofSeconds(30);
  private volatile Mode mode = Mode.OK;
  private @Nullable HttpServer tokens;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  private TestTokenEndpoint(String clientId, String clientSecret, Duration lifetime)
      throws IOException, GeneralSecurityException {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.lifetime = lifetime;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    this.keys = generator.generateKeyPair();
    this.handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-token-endpoint");
              t.setDaemon(true);
              return t;
            });
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    this.jwks = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    jwks.createContext("/jwks", this::serveJwks);
    jwks.setExecutor(handlers);
    jwks.start();
    HttpServer t = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    this.tokenPort = t.getAddress().getPort();
    startTokens(t);
  }

  /**
   * Starts both servers; tokens for {@code clientId}/{@code clientSecret} live {@code lifetime}.
   */
  public static TestTokenEndpoint start(String clientId, String clientSecret, Duration lifetime) {
    try {
      return new TestTokenEndpoint(clientId, clientSecret, lifetime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>/token}. */
  public URI tokenUri() {
    return URI.create("http://127.0.0.1:" + tokenPort + "/token");
  }

  /** {@code http://127.0.0.1:<port>/jwks}. */
  public URI jwksUri() {
    return URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
  }

  /** Tokens issued so far. */
  public long issued() {
    return issued.get();
  }

  /** Token requests refused for wrong credentials (401). */
  public long refused() {
    return refused.get();
  }

  /** Token requests received, in any mode but {@code DOWN}. */
  public long requests() {
    return requests.get();
  }

  public void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  public void slowDelay(Duration delay) {
    this.slowDelay = delay;
  }

  /** Switches the token server's behaviour; {@code DOWN} closes its port, leaving it reopens it. */
  public synchronized void mode(Mode next) {
    if (next == Mode.DOWN && tokens != null) {
      tokens.stop(0);
      tokens = null;
    } else if (next != Mode.DOWN && tokens == null) {
      try {
        startTokens(
            HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), tokenPort), 16));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reopen port " + tokenPort, e);
      }
    }
    mode = next;
  }

  private synchronized void startTokens(HttpServer server) {
    server.createContext("/token", this::serveToken);
    server.setExecutor(handlers);
    server.start();
    tokens = server;
  }

  private void serveJwks(HttpExchange exchange) throws IOException {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    String body =
        "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
            + KID
            + "\",\"n\":\""
            + b64(unsigned(key.getModulus()))
            + "\",\"e\":\""
            + b64(unsigned(key.getPublicExponent()))
            + "\"}]}";
    respond(exchange, 200, body);
  }

  private void serveToken(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Mode now = mode;
    if (now == Mode.SLOW) {
      try {
        Thread.sleep(slowDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (now == Mode.GARBAGE) {
      respond(exchange, 200, "<html>this is not a token</html>");
      return;
    }
    String[] credentials = credentials(exchange, form);
    if (!clientId.equals(credentials[0]) || !clientSecret.equals(credentials[1])) {
      refused.incrementAndGet();
      respond(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    long seconds = lifetime.toSeconds();
    respond(
        exchange,
        200,
        "{\"access_token\":\""
            + jwt(form.getOrDefault("scope", ""), seconds)
            + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + seconds
            + "}");
    issued.incrementAndGet();
  }

  private static String[] credentials(HttpExchange exchange, Map<String, String> form) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Basic ")) {
      String decoded =
          new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        return new String[] {
          URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
        };
      }
    }
    return new String[] {
      form.getOrDefault("client_id", ""), form.getOrDefault("client_secret", "")
    };
  }

  private String jwt(String scope, long lifetimeSeconds) {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
    String payload =
        "{\"sub\":\""
            + clientId
            + "\",\"iss\":\""
            + ISSUER
            + "\",\"aud\":\""
            + AUDIENCE
            + "\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + lifetimeSeconds)
            + (scope.isEmpty() ? "" : ",\"scope\":\"" + scope + "\"")
            + ",\"jti\":\""
            + issued.get()
            + "\"}";
    String signingInput =
        b64(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(keys.getPrivate());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return bytes;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public synchronized void close() {
    if (tokens != null) {
      tokens.stop(0);
      tokens = null;
    }
    jwks.stop(0);
    handlers.shutdownNow();
  }
}
