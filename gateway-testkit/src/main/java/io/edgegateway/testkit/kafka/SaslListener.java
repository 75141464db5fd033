package io.edgegateway.testkit.kafka;

import io.edgegateway.testkit.oauth.TestTokenEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * An {@link EmbeddedKafka} with a second client listener {@code SASL_PLAINTEXT} that accepts {@code
 * OAUTHBEARER} (JWTs validated by Kafka's {@code OAuthBearerValidatorCallbackHandler} against the
 * JWKS of a {@link TestTokenEndpoint}, with its issuer and audience) and {@code SCRAM-SHA-512}
 * (credentials created with the Admin API, e.g. {@link #createScramUser}); the {@code PLAINTEXT}
 * listener stays for administration and read-back. {@code connections.max.reauth.ms} makes the
 * broker ask every SASL connection to re-authenticate that often (KIP-368) and close a connection
 * whose token expired, so a client that did not refresh its token fails.
 *
 * <p>The broker and the client share the JVM's {@code
 * org.apache.kafka.sasl.oauthbearer.allowed.urls}: {@link #create} adds the JWKS URL to it.
 *
 * @param kafka the broker, stopped
 * @param saslPort the port of the SASL listener
 */
public record SaslListener(EmbeddedKafka kafka, int saslPort) {
  private static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
  private static final String PREFIX = "listener.name.sasl_plaintext.";

  /**
   * A stopped broker that validates tokens of {@code idp}; connections re-authenticate every {@code
   * reauth}.
   */
  public static SaslListener create(TestTokenEndpoint idp, Duration reauth) {
    int plain = freePort();
    int controller = freePort();
    int sasl = freePort();
    while (controller == plain) {
      controller = freePort();
    }
    while (sasl == plain || sasl == controller) {
      sasl = freePort();
    }
    allow(idp.jwksUri());
    String host = BrokerProperties.HOST;
    EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .brokerPort(plain)
            .controllerPort(controller)
            .brokerProperty(
                "listeners",
                "PLAINTEXT://"
                    + host
                    + ":"
                    + plain
                    + ",SASL_PLAINTEXT://"
                    + host
                    + ":"
                    + sasl
                    + ",CONTROLLER://"
                    + host
                    + ":"
                    + controller)
            .brokerProperty(
                "advertised.listeners",
                "PLAINTEXT://" + host + ":" + plain + ",SASL_PLAINTEXT://" + host + ":" + sasl)
            .brokerProperty(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
            .brokerProperty("sasl.enabled.mechanisms", "OAUTHBEARER,SCRAM-SHA-512")
            .brokerProperty(
                PREFIX + "oauthbearer.sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                    + " unsecuredLoginStringClaim_sub=\"broker\";")
            .brokerProperty(
                PREFIX + "oauthbearer.sasl.server.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler")
            .brokerProperty(
                PREFIX + "oauthbearer.sasl.oauthbearer.jwks.endpoint.url", idp.jwksUri().toString())
            .brokerProperty(
                PREFIX + "oauthbearer.sasl.oauthbearer.expected.audience",
                TestTokenEndpoint.AUDIENCE)
            .brokerProperty(
                PREFIX + "oauthbearer.sasl.oauthbearer.expected.issuer", TestTokenEndpoint.ISSUER)
            .brokerProperty(
                PREFIX + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;")
            .brokerProperty("connections.max.reauth.ms", Long.toString(reauth.toMillis()))
            .build();
    return new SaslListener(kafka, sasl);
  }

  /** {@code 127.0.0.1:<saslPort>}. */
  public String saslBootstrapServers() {
    return BrokerProperties.HOST + ":" + saslPort;
  }

  /** Creates (or replaces) SCRAM-SHA-512 credentials for {@code user}; the broker must run. */
  public void createScramUser(String user, String password) {
    var config = new java.util.HashMap<String, Object>();
    config.put("bootstrap.servers", kafka.bootstrapServers());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(config)) {
      admin
          .alterUserScramCredentials(
              java.util.List.of(
                  new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                      user,
                      new org.apache.kafka.clients.admin.ScramCredentialInfo(
                          org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096),
                      password)))
          .all()
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create SCRAM user " + user, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Adds {@code url} to the JVM's allowed OAuth URLs (the broker's JWKS fetch needs it too). */
  static synchronized void allow(URI url) {
    String current = System.getProperty(ALLOWED_URLS, "");
    if (!(("," + current + ",").contains("," + url + ","))) {
      System.setProperty(ALLOWED_URLS, current.isBlank() ? url.toString() : current + "," + url);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + BrokerProperties.HOST, e);
    }
  }
}
