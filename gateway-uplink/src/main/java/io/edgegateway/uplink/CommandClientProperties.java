package io.edgegateway.uplink;

import io.edgegateway.core.config.KafkaSettings;
import io.edgegateway.core.tls.TlsMaterial;
import io.edgegateway.core.tls.TlsMaterialException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The client properties of a short-lived Kafka client that a command opens with the robot's config
 * ({@code audit verify --bootstrap}): {@code uplink.kafka.properties} with the {@code sasl} section
 * and the {@code tls} material merged in as the uplink merges them, the files read and checked once
 * (a command does not watch them).
 */
public final class CommandClientProperties {
  private CommandClientProperties() {}

  /**
   * @throws IllegalArgumentException naming the file, if the TLS material is not usable
   */
  public static Map<String, String> of(KafkaSettings kafka) {
    boolean tls = kafka.tls().isPresent();
    Map<String, String> merged =
        new HashMap<>(UplinkClients.withSasl(kafka.properties(), tls, kafka.sasl()));
    if (tls) {
      boolean sasl =
          kafka.sasl().isPresent()
              || kafka.properties().keySet().stream().anyMatch(k -> k.startsWith("sasl."));
      try {
        merged.putAll(
            TlsClientProperties.of(TlsMaterial.load(kafka.tls().get(), Instant.now()), sasl));
      } catch (TlsMaterialException e) {
        throw new IllegalArgumentException("TLS: " + e.describe(), e);
      }
    }
    return Map.copyOf(merged);
  }
}
