package io.edgegateway.uplink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The uplink's producer configuration: defaults, then the caller's pass-through properties, then
 * the settings the uplink cannot work without; and the checkpoint reader's consumer configuration.
 * {@link #producers} and {@link #checkpointConsumers} build the clients from them.
 *
 * <p>Why these defaults:
 *
 * <ul>
 *   <li>{@code transactional.id = edge-gateway/<robot_id>}: stable across restarts, so a new
 *       process fences its predecessor and aborts the transaction it left open. {@code
 *       transaction.timeout.ms} 60 s: the coordinator aborts a transaction whose process died after
 *       at most that long (a restart aborts it at once).
 *   <li>{@code enable.idempotence=true}, {@code acks=all}, {@code max.in.flight.requests=5}: the
 *       producer's own retries neither duplicate nor reorder batches.
 *   <li>{@code compression.type=none}: values are already zstd frames.
 *   <li>{@code max.request.size} 16 MiB + 64 KiB: one batch of up to {@link
 *       #MAX_BATCH_PAYLOAD_BYTES} fits one request; topics need {@code max.message.bytes} at least
 *       as large.
 *   <li>{@code batch.size} 1 MiB: small batches coalesce into one produce batch; a larger record
 *       gets a produce batch of its own size. It is deliberately not 16 MiB: the producer takes
 *       {@code batch.size} bytes from {@code buffer.memory} for every open partition batch and
 *       keeps them pooled on the heap.
 *   <li>{@code buffer.memory} 32 MiB: room for two maximal batches in flight, four times the
 *       largest adaptive sender round (8 MiB); it is Java heap, sized so a drain fits a 96 MiB
 *       heap.
 *   <li>{@code linger.ms=5}: {@code deliver()} sends a burst and waits, so a short linger only
 *       groups the burst.
 *   <li>{@code max.block.ms} 10 s: bounds the metadata wait of the uplink's metadata probe and the
 *       wait for buffer space when {@code buffer.memory} is exhausted.
 *   <li>{@code request.timeout.ms} 30 s, {@code delivery.timeout.ms} 120 s: a record the broker
 *       does not acknowledge is retried for 120 s and then failed through its future, never dropped
 *       silently; a failed send fails its transaction, the rows stay queued and the batches go out
 *       again in a later transaction.
 * </ul>
 */
final class ProducerSettings {
  /** Largest batch payload the default {@code max.request.size} admits: 16 MiB. */
  static final int MAX_BATCH_PAYLOAD_BYTES = 16 * 1024 * 1024;

  static final int MAX_REQUEST_BYTES = MAX_BATCH_PAYLOAD_BYTES + 64 * 1024;

  private ProducerSettings() {}

  static Map<String, Object> producerConfig(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    if (clientProperties.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
      throw new IllegalArgumentException(
          "clientProperties."
              + ProducerConfig.TRANSACTIONAL_ID_CONFIG
              + " : "
              + clientProperties.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
              + " (expected: unset; the uplink manages transactions)");
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-gateway-uplink-" + robotId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1024 * 1024));
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(32L * 1024 * 1024));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
    config.putAll(clientProperties);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(robotId));
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return config;
  }

  /**
   * Parses {@code config} as the producer will (types, ranges, known values) without creating a
   * producer, which with SASL would log in: the producer is created later, on the session thread.
   *
   * @throws org.apache.kafka.common.config.ConfigException if the producer would reject it
   */
  static void checkAccepted(Map<String, Object> config) {
    Map<String, Object> withSerializers = new HashMap<>(config);
    withSerializers.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    withSerializers.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    ProducerConfig.configDef().parse(withSerializers);
  }

  /** {@code edge-gateway/<robot_id>}. */
  static String transactionalId(String robotId) {
    return "edge-gateway/" + robotId;
  }

  /**
   * The checkpoint reader's consumer configuration: no group, no offset commits, {@code
   * read_committed}; security settings ({@code security.*}, {@code sasl.*}, {@code ssl.*}) are
   * taken from the producer's pass-through properties.
   */
  static Map<String, Object> checkpointConsumerConfig(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config = securitySettings(clientProperties);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "edge-gateway-checkpoints-" + robotId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /**
   * The broker watch's Admin client configuration: the security settings of the pass-through
   * properties, and no retries beyond the probe's own deadline.
   */
  static Map<String, Object> watchAdminConfig(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config = securitySettings(clientProperties);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "edge-gateway-watch-" + robotId);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  private static Map<String, Object> securitySettings(Map<String, String> clientProperties) {
    Map<String, Object> config = new HashMap<>();
    clientProperties.forEach(
        (k, v) -> {
          if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
            config.put(k, v);
          }
        });
    return config;
  }

  /** Creates the broker watch's Admin clients: {@link #watchAdminConfig}. */
  static Supplier<Admin> watchAdmins(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config = watchAdminConfig(robotId, bootstrapServers, clientProperties);
    return () -> Admin.create(config);
  }

  /**
   * Creates the uplink's producers: {@link #producerConfig}, checked now, with byte-array
   * serializers.
   */
  static Supplier<Producer<byte[], byte[]>> producers(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config = producerConfig(robotId, bootstrapServers, clientProperties);
    return () -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Creates the checkpoint reader's consumers: {@link #checkpointConsumerConfig}. */
  static Supplier<Consumer<byte[], byte[]>> checkpointConsumers(
      String robotId, String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config =
        checkpointConsumerConfig(robotId, bootstrapServers, clientProperties);
    return () ->
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
