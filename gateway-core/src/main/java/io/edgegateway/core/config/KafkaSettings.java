package io.edgegateway.core.config;

import io.edgegateway.core.tls.TlsFiles;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code uplink.kafka} section: the Kafka client.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties extra client properties, passed through as strings; never one the gateway sets
 *     itself ({@code transactional.id}, {@code enable.idempotence}, serializers, ...)
 * @param tls mTLS client material ({@code uplink.kafka.tls}); when present, {@code properties} hold
 *     no {@code security.protocol} and no {@code ssl.*}
 * @param sasl SASL authentication ({@code uplink.kafka.sasl}); when present, {@code properties}
 *     hold no {@code security.protocol} and no {@code sasl.*} but the {@link SaslSettings#isTuning}
 *     keys
 */
public record KafkaSettings(
    String bootstrapServers,
    Map<String, String> properties,
    Optional<TlsFiles> tls,
    Optional<SaslSettings> sasl) {
  public KafkaSettings {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(sasl, "sasl");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    try {
      UplinkSchema.BOOTSTRAP_SERVERS.type().parse(bootstrapServers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bootstrap_servers : " + bootstrapServers + " (expected: host:port[,host:port...])", e);
    }
    properties = ConfigMaps.copyOf(properties, "properties");
    for (String name : properties.keySet()) {
      if (UplinkSchema.MANAGED_KAFKA_PROPERTIES.contains(name)) {
        throw new IllegalArgumentException(
            "properties : " + name + " (expected: not a property the gateway sets itself)");
      }
      if (tls.isPresent() && (name.equals("security.protocol") || name.startsWith("ssl."))) {
        throw new IllegalArgumentException(
            "properties : " + name + " (expected: unset when tls is given)");
      }
      if (sasl.isPresent()
          && (name.equals("security.protocol")
              || (name.startsWith("sasl.") && !SaslSettings.isTuning(name)))) {
        throw new IllegalArgumentException(
            "properties : " + name + " (expected: unset when sasl is given)");
      }
    }
  }

  /** Settings without a SASL section. */
  public KafkaSettings(
      String bootstrapServers, Map<String, String> properties, Optional<TlsFiles> tls) {
    this(bootstrapServers, properties, tls, Optional.empty());
  }

  /** Settings without TLS files (TLS, if any, through {@code properties}). */
  public KafkaSettings(String bootstrapServers, Map<String, String> properties) {
    this(bootstrapServers, properties, Optional.empty());
  }

  /**
   * Credential properties ({@link Redaction#isCredential}) show as {@code <redacted>}; the TLS key
   * password and the SASL secret never show.
   */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", properties="
        + Redaction.redacted(properties)
        + ", tls="
        + tls
        + ", sasl="
        + sasl
        + "]";
  }

  /** {@code 127.0.0.1:9092}, no extra properties. */
  public static KafkaSettings defaults() {
    return new KafkaSettings(UplinkSchema.BOOTSTRAP_SERVERS.defaultOrThrow(), Map.of());
  }
}
