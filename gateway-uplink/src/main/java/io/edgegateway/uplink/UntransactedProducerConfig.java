package io.edgegateway.uplink;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The uplink producer's settings without its transactions: what a bare idempotent producer uses to
 * measure the uplink against on the same acks, linger, batch and buffer sizes ({@code bench/e2e}'s
 * and {@code bench/uplink.sh}'s ceiling), so the two never drift apart.
 */
public final class UntransactedProducerConfig {
  private UntransactedProducerConfig() {}

  /**
   * The uplink's producer configuration for {@code bootstrap} and {@code overrides}, minus its
   * transactional id.
   */
  public static Map<String, Object> of(String bootstrap, Map<String, String> overrides) {
    Map<String, Object> config = ProducerSettings.producerConfig("bare", bootstrap, overrides);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    config.remove(ProducerConfig.CLIENT_ID_CONFIG);
    return config;
  }
}
