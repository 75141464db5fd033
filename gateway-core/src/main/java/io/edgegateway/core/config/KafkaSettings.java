package io.edgegateway.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code uplink.kafka} section: the Kafka client.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties extra client properties, passed through as strings; never one the gateway sets
 *     itself ({@code transactional.id}, {@code enable.idempotence}, serializers, ...)
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) {
  public KafkaSettings {
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
    }
  }

  /** Credential properties ({@link Redaction#isCredential}) show as {@code <redacted>}. */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", properties="
        + Redaction.redacted(properties)
        + "]";
  }

  /** {@code 127.0.0.1:9092}, no extra properties. */
  public static KafkaSettings defaults() {
    return new KafkaSettings(UplinkSchema.BOOTSTRAP_SERVERS.defaultOrThrow(), Map.of());
  }
}
