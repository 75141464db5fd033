package io.edgegateway.bench.uplink;

import io.edgegateway.core.batch.SealedBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling of the uplink benchmark: a plain idempotent (not transactional) Kafka producer
 * sending the batch values once, as fast as it can, then flushing; the same acks, linger, batch
 * size and compression as the gateway's producer (the definitions of {@code bench/e2e}'s bare
 * producer, {@code Ceilings.bareProducer}), plus the overrides the gateway's uplink gets too.
 */
final class BareProducer {
  private BareProducer() {}

  /** The producer's configuration: the gateway uplink's defaults, then {@code overrides}. */
  static Map<String, Object> config(String bootstrap, Map<String, String> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1024 * 1024));
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
    config.putAll(overrides);
    return config;
  }

  /**
   * Sends every value of {@code batches} to {@code topic} and flushes.
   *
   * @return the seconds from the first send to the end of the flush
   */
  static double send(
      String bootstrap, Map<String, String> overrides, String topic, List<SealedBatch> batches) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            config(bootstrap, overrides), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic);
      long start = System.nanoTime();
      for (SealedBatch b : batches) {
        producer.send(new ProducerRecord<>(topic, b.payload()));
      }
      producer.flush();
      return (System.nanoTime() - start) / 1e9;
    }
  }
}
