package io.edgegateway.core.ledger;

import java.util.Objects;

/**
 * Samples of one (stream, topic) that were received but never committed to the durable queue.
 *
 * @param key the ledger line
 * @param range their seq range and count
 */
public record LostSamples(TopicKey key, SeqRange range) {
  public LostSamples {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(range, "range");
  }
}
