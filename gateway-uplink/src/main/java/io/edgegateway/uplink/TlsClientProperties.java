package io.edgegateway.uplink;

import io.edgegateway.core.tls.TlsMaterial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client properties of a {@link TlsMaterial}: {@code security.protocol} {@code SSL} (or
 * {@code SASL_SSL}), key store and trust store as inline PEM (KIP-651: {@code ssl.keystore.type} /
 * {@code ssl.truststore.type} {@code PEM}, {@code ssl.keystore.certificate.chain}, {@code
 * ssl.keystore.key}, {@code ssl.truststore.certificates}) and hostname verification ({@code
 * ssl.endpoint.identification.algorithm=https}). Inline PEM keeps the material the gateway checked
 * the material the client uses: nothing is read from disk again.
 */
final class TlsClientProperties {
  private TlsClientProperties() {}

  static Map<String, String> of(TlsMaterial material, boolean sasl) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", sasl ? "SASL_SSL" : "SSL");
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.certificate.chain", material.chainPem());
    p.put("ssl.keystore.key", material.keyPem());
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.certificates", material.caPem());
    p.put("ssl.endpoint.identification.algorithm", "https");
    return Map.copyOf(p);
  }
}
