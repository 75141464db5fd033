package io.edgegateway.testkit.kafka;

import io.edgegateway.testkit.tls.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An {@link EmbeddedKafka} with a second client listener {@code SSL} that requires a client
 * certificate ({@code ssl.client.auth=required}); the {@code PLAINTEXT} listener stays for test
 * administration and read-back. The broker's key store and trust store are inline PEM: its own
 * certificate (for 127.0.0.1, so clients verify the host name) and the CA client certificates must
 * chain to. Like any {@link EmbeddedKafka}, {@link EmbeddedKafka#restart()} keeps ports and data,
 * so clients reconnect with a fresh TLS handshake.
 *
 * <pre>{@code
 * SslListener ssl = SslListener.create(pki.caCert(), pki.server("broker"));
 * try (EmbeddedKafka kafka = ssl.kafka().start()) {
 *   String bootstrap = ssl.sslBootstrapServers();
 * }
 * }</pre>
 *
 * @param kafka the broker, stopped
 * @param sslPort the port of the SSL listener
 */
public record SslListener(EmbeddedKafka kafka, int sslPort) {
  /** A stopped broker whose SSL listener presents {@code server} and trusts {@code caCert}. */
  public static SslListener create(Path caCert, TestPki.Issued server) {
    int plain = freePort();
    int controller = freePort();
    int ssl = freePort();
    while (controller == plain) {
      controller = freePort();
    }
    while (ssl == plain || ssl == controller) {
      ssl = freePort();
    }
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
                    + ",SSL://"
                    + host
                    + ":"
                    + ssl
                    + ",CONTROLLER://"
                    + host
                    + ":"
                    + controller)
            .brokerProperty(
                "advertised.listeners",
                "PLAINTEXT://" + host + ":" + plain + ",SSL://" + host + ":" + ssl)
            .brokerProperty(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT")
            .brokerProperty("ssl.client.auth", "required")
            .brokerProperty("ssl.keystore.type", "PEM")
            .brokerProperty("ssl.keystore.certificate.chain", TestPki.read(server.cert()))
            .brokerProperty("ssl.keystore.key", TestPki.read(server.key()))
            .brokerProperty("ssl.truststore.type", "PEM")
            .brokerProperty("ssl.truststore.certificates", TestPki.read(caCert))
            .build();
    return new SslListener(kafka, ssl);
  }

  /** {@code 127.0.0.1:<sslPort>}. */
  public String sslBootstrapServers() {
    return BrokerProperties.HOST + ":" + sslPort;
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
