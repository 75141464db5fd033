package io.edgegateway.core.config;

import static io.edgegateway.core.config.UplinkSchema.BOOTSTRAP_SERVERS;
import static io.edgegateway.core.config.UplinkSchema.BUDGET;
import static io.edgegateway.core.config.UplinkSchema.CHECKPOINT_TOPIC;
import static io.edgegateway.core.config.UplinkSchema.DICTIONARY_TOPIC;
import static io.edgegateway.core.config.UplinkSchema.KAFKA;
import static io.edgegateway.core.config.UplinkSchema.PROPERTIES;
import static io.edgegateway.core.config.UplinkSchema.SASL;
import static io.edgegateway.core.config.UplinkSchema.TLS;

import io.edgegateway.core.tls.TlsFiles;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code uplink} section ({@link UplinkSchema}) to {@link UplinkSettings}: the Kafka
 * client without the properties the gateway manages, the streams (by {@link StreamsBinder}), and
 * the checkpoint and dictionary topics, which must differ from every stream topic and each other,
 * and the bandwidth budget ({@link BudgetBinder}).
 */
final class UplinkBinder {
  /**
   * The bound section.
   *
   * @param settings the settings; null when the section had errors (all reported)
   * @param streamNames the stream names rules may use; null when {@code uplink.streams} is invalid
   */
  record Uplink(@Nullable UplinkSettings settings, @Nullable Set<String> streamNames) {}

  private final ErrorCollector errors;
  private final StreamsBinder streams;
  private final TlsBinder tls;
  private final SaslBinder sasl;
  private final BudgetBinder budget;

  UplinkBinder(BindContext context) {
    this.budget = new BudgetBinder(context);
    this.errors = context.errors();
    this.streams = new StreamsBinder(context);
    this.tls = new TlsBinder(context);
    this.sasl = new SaslBinder(context);
  }

  Uplink bind(MappingView m) {
    return bind(m, null);
  }

  /**
   * Binds the section; {@code maxBatchBytes} ({@code buffer.batch.max_bytes}, null when invalid) is
   * the smallest burst and daily cap of the budget.
   */
  Uplink bind(MappingView m, @Nullable Long maxBatchBytes) {
    MappingView kafka = m.section(KAFKA);
    String bootstrap = kafka.get(BOOTSTRAP_SERVERS);
    List<MappingView.Entry<String>> propertyEntries = kafka.stringMap(PROPERTIES);
    for (MappingView.Entry<String> property : propertyEntries) {
      if (UplinkSchema.MANAGED_KAFKA_PROPERTIES.contains(property.name())) {
        errors.report(
            property.keyPos(),
            property.path(),
            "set by the gateway and cannot be overridden"
                + (property.name().equals("bootstrap.servers")
                    ? " (use uplink.kafka.bootstrap_servers)"
                    : ""));
      }
    }
    Map<String, String> properties = MappingView.values(propertyEntries);
    TlsFiles tlsFiles = null;
    if (kafka.has(TLS)) {
      tls.checkProperties(propertyEntries);
      tlsFiles = tls.bind(kafka.section(TLS), kafka.keyPos(TLS), kafka.path(TLS));
    }
    Optional<TlsFiles> tlsSettings = Optional.ofNullable(tlsFiles);
    SaslSettings saslBound = null;
    if (kafka.has(SASL)) {
      sasl.checkProperties(propertyEntries, kafka.has(TLS));
      saslBound = sasl.bind(kafka.section(SASL));
    }
    Optional<SaslSettings> saslSettings = Optional.ofNullable(saslBound);

    BudgetSettings budgetBound =
        m.has(BUDGET) ? budget.bind(m.section(BUDGET), maxBatchBytes) : null;
    Optional<BudgetSettings> budgetSettings = Optional.ofNullable(budgetBound);

    StreamsBinder.Streams bound = streams.bind(m);
    Map<String, StreamSettings> streamSettings = bound.settings();
    String checkpointTopic = m.get(CHECKPOINT_TOPIC);
    if (checkpointTopic != null) {
      checkNotAStreamTopic(m, CHECKPOINT_TOPIC, checkpointTopic, bound);
    }
    String dictionaryTopic = m.get(DICTIONARY_TOPIC);
    if (dictionaryTopic != null) {
      if (dictionaryTopic.equals(checkpointTopic)) {
        errors.report(
            m.valuePos(DICTIONARY_TOPIC),
            m.path(DICTIONARY_TOPIC),
            "'" + dictionaryTopic + "' is also the checkpoint_topic");
      }
      checkNotAStreamTopic(m, DICTIONARY_TOPIC, dictionaryTopic, bound);
    }
    if (m.hasErrors()) {
      return new Uplink(null, bound.names());
    }
    KafkaSettings kafkaSettings =
        errors.build(
            kafka.anchor(),
            kafka.path(),
            () ->
                new KafkaSettings(
                    Objects.requireNonNull(bootstrap, "bootstrapServers"),
                    properties,
                    tlsSettings,
                    saslSettings));
    UplinkSettings settings =
        kafkaSettings == null
            ? null
            : errors.build(
                m.anchor(),
                m.path(),
                () ->
                    new UplinkSettings(
                        kafkaSettings,
                        streamSettings,
                        Objects.requireNonNull(checkpointTopic, "checkpointTopic"),
                        Objects.requireNonNull(dictionaryTopic, "dictionaryTopic"),
                        budgetSettings));
    return new Uplink(settings, bound.names());
  }

  /**
   * Reports {@code topic}, the value of {@code key}, once per stream that has it as its topic: at
   * the key when given, else where the stream names the topic.
   */
  private void checkNotAStreamTopic(
      MappingView m, Key<String> key, String topic, StreamsBinder.Streams bound) {
    bound
        .settings()
        .forEach(
            (name, stream) -> {
              if (stream.topic().equals(topic)) {
                errors.report(
                    m.has(key)
                        ? m.valuePos(key)
                        : bound.topicPositions().getOrDefault(topic, m.anchor()),
                    m.path(key),
                    "'" + topic + "' is also the topic of stream '" + name + "'");
              }
            });
  }
}
