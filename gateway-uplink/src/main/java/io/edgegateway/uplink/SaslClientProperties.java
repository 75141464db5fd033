package io.edgegateway.uplink;

import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.SaslSettings.Mechanism;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client properties of a {@link SaslSettings}.
 *
 * <p>OAUTHBEARER (KIP-768, with the KIP-1139 property names of Kafka 4.1+): {@code
 * sasl.login.callback.handler.class} {@code OAuthBearerLoginCallbackHandler}, {@code
 * sasl.oauthbearer.token.endpoint.url}, {@code sasl.oauthbearer.client.credentials.client.id} /
 * {@code .client.secret}, {@code sasl.oauthbearer.scope}, and a JAAS config naming only {@code
 * OAuthBearerLoginModule}. The client fetches a token while it is created and refreshes it in its
 * own login thread before it expires ({@code sasl.login.refresh.*}). The token endpoint calls get
 * connect and read timeouts of {@link #LOGIN_TIMEOUT_MS} unless {@code properties} tune them.
 *
 * <p>SCRAM: {@code ScramLoginModule} with {@code username} and {@code password} in the JAAS config.
 *
 * <p>The secret goes into {@code sasl.jaas.config} or {@code
 * sasl.oauthbearer.client.credentials.client.secret} only, both of Kafka's {@code PASSWORD} type:
 * the client's own config log prints them as {@code [hidden]}.
 */
final class SaslClientProperties {
  /** Connect and read timeout of the token endpoint calls. */
  static final String LOGIN_TIMEOUT_MS = "10000";

  static final String LOGIN_CALLBACK_HANDLER =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

  private SaslClientProperties() {}

  /**
   * @param tls whether TLS is configured too (then {@code SASL_SSL}, else {@code SASL_PLAINTEXT})
   * @param tuning the pass-through properties, whose {@link SaslSettings#isTuning} keys win over
   *     the defaults here
   */
  static Map<String, String> of(SaslSettings sasl, boolean tls, Map<String, String> tuning) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
    p.put("sasl.mechanism", sasl.mechanism().kafkaName());
    String secret = sasl.secret().reveal();
    if (sasl.mechanism() == Mechanism.OAUTHBEARER) {
      p.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
      p.put("sasl.login.callback.handler.class", LOGIN_CALLBACK_HANDLER);
      p.put("sasl.oauthbearer.token.endpoint.url", sasl.tokenEndpoint().orElseThrow().toString());
      p.put("sasl.oauthbearer.client.credentials.client.id", sasl.principal());
      p.put("sasl.oauthbearer.client.credentials.client.secret", secret);
      sasl.scope().ifPresent(s -> p.put("sasl.oauthbearer.scope", s));
      p.put("sasl.login.connect.timeout.ms", LOGIN_TIMEOUT_MS);
      p.put("sasl.login.read.timeout.ms", LOGIN_TIMEOUT_MS);
    } else {
      p.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
              + quoted(sasl.principal())
              + "\" password=\""
              + quoted(secret)
              + "\";");
    }
    tuning.forEach(
        (k, v) -> {
          if (SaslSettings.isTuning(k)) {
            p.put(k, v);
          }
        });
    return Map.copyOf(p);
  }

  /** {@code s} inside a JAAS double-quoted string. */
  private static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
