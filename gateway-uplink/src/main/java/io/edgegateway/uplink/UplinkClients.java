package io.edgegateway.uplink;

import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.tls.TlsFiles;
import io.edgegateway.core.tls.TlsMaterialException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;

/**
 * The uplink's client factories (producer, checkpoint consumer, broker watch Admin) from {@link
 * ProducerSettings}; with {@link UplinkTls}, each client is made from the TLS material in use when
 * it is created, so a client made after a rotation has the new material.
 */
record UplinkClients(
    Supplier<Producer<byte[], byte[]>> producers,
    Supplier<Consumer<byte[], byte[]>> consumers,
    Supplier<Admin> admins) {

  /**
   * @throws IllegalArgumentException if {@code properties} are not acceptable (checked now)
   * @throws org.apache.kafka.common.KafkaException if the producer would reject its configuration
   */
  static UplinkClients of(
      String robotId,
      String bootstrapServers,
      Map<String, String> properties,
      @Nullable UplinkTls tls) {
    return of(robotId, bootstrapServers, properties, tls, Optional.empty());
  }

  /**
   * With {@code sasl}, every client also gets {@link SaslClientProperties} (over the pass-through
   * properties and the TLS material).
   *
   * @throws IllegalArgumentException if {@code properties} are not acceptable (checked now)
   */
  static UplinkClients of(
      String robotId,
      String bootstrapServers,
      Map<String, String> pass,
      @Nullable UplinkTls tls,
      Optional<SaslSettings> sasl) {
    return of(robotId, bootstrapServers, pass, tls, SaslCredentials.of(sasl));
  }

  /**
   * With {@code sasl}, every client gets {@link SaslClientProperties} of the section in use when it
   * is created (so a client made after a rotation has the new secret).
   *
   * @throws IllegalArgumentException if {@code properties} are not acceptable (checked now)
   */
  static UplinkClients of(
      String robotId,
      String bootstrapServers,
      Map<String, String> pass,
      @Nullable UplinkTls tls,
      SaslCredentials sasl) {
    Map<String, String> properties = withSasl(pass, tls != null, sasl.current());
    Supplier<Map<String, String>> now = () -> withSasl(pass, tls != null, sasl.current());
    // Checks the properties now, whatever the material (the producer is created later).
    Map<String, Object> config =
        ProducerSettings.producerConfig(robotId, bootstrapServers, properties);
    if (tls == null) {
      ProducerSettings.checkAccepted(config);
    } else {
      Map<String, Object> withTls = new HashMap<>(config);
      withTls.putAll(tls.clientProperties());
      ProducerSettings.checkAccepted(withTls);
    }
    return new UplinkClients(
        current(now, tls, p -> ProducerSettings.producers(robotId, bootstrapServers, p)),
        current(now, tls, p -> ProducerSettings.checkpointConsumers(robotId, bootstrapServers, p)),
        current(now, tls, p -> ProducerSettings.watchAdmins(robotId, bootstrapServers, p)));
  }

  static Map<String, String> withSasl(
      Map<String, String> properties, boolean tls, Optional<SaslSettings> sasl) {
    if (sasl.isEmpty()) {
      return properties;
    }
    for (String name : properties.keySet()) {
      if (name.equals("security.protocol")
          || (name.startsWith("sasl.") && !SaslSettings.isTuning(name))) {
        throw new IllegalArgumentException(
            "clientProperties." + name + " (expected: unset with a SASL section)");
      }
    }
    Map<String, String> merged = new HashMap<>(properties);
    merged.putAll(SaslClientProperties.of(sasl.get(), tls, properties));
    if (tls) {
      merged.remove("security.protocol"); // the TLS material's SASL_SSL
    }
    return Map.copyOf(merged);
  }

  /**
   * Loads, checks and starts watching the TLS files, if any.
   *
   * @throws IllegalArgumentException if the files are not usable, or {@code properties} set {@code
   *     security.protocol} or {@code ssl.*} next to them
   */
  static @Nullable UplinkTls startTls(
      String robotId, Map<String, String> properties, Optional<TlsFiles> files) {
    return startTls(robotId, properties, files, false);
  }

  /** As {@link #startTls(String, Map, Optional)}; {@code saslSection}: SASL_SSL in any case. */
  static @Nullable UplinkTls startTls(
      String robotId,
      Map<String, String> properties,
      Optional<TlsFiles> files,
      boolean saslSection) {
    if (files.isEmpty()) {
      return null;
    }
    for (String name : properties.keySet()) {
      if (name.equals("security.protocol") || name.startsWith("ssl.")) {
        throw new IllegalArgumentException(
            "clientProperties." + name + " (expected: unset with TLS files)");
      }
    }
    boolean sasl = saslSection || properties.keySet().stream().anyMatch(k -> k.startsWith("sasl."));
    try {
      return UplinkTls.start(robotId, files.get(), sasl);
    } catch (TlsMaterialException e) {
      throw new IllegalArgumentException("TLS: " + e.describe(), e);
    }
  }

  private static <T> Supplier<T> current(
      Supplier<Map<String, String>> properties,
      @Nullable UplinkTls tls,
      Function<Map<String, String>, Supplier<T>> factory) {
    return () -> {
      Map<String, String> merged = new HashMap<>(properties.get());
      if (tls != null) {
        merged.putAll(tls.clientProperties());
      }
      return factory.apply(merged).get();
    };
  }
}
