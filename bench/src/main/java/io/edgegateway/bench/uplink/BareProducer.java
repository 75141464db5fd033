package io.edgegateway.bench.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.uplink.UntransactedProducerConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling of the uplink benchmark: a plain idempotent (not transactional) Kafka producer
 * sending the batch values once, as fast as it can, then flushing; the gateway producer's own
 * settings ({@link UntransactedProducerConfig}, as {@code bench/e2e}'s {@code
 * Ceilings.bareProducer}), plus the overrides the gateway's uplink gets too.
 */
final class BareProducer {
  private BareProducer() {}

  /**
   * The producer's configuration: the gateway uplink's, then {@code overrides}, no transactions.
   */
  static Map<String, Object> config(String bootstrap, Map<String, String> overrides) {
    return UntransactedProducerConfig.of(bootstrap, overrides);
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
