package io.edgegateway.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code uplink.streams}.
 *
 * @param topic Kafka topic of the stream, {@code [A-Za-z0-9._-]{1,249}}
 * @param codec payload layout of the stream's batches
 * @param dictionary the stream's zstd dictionary; empty to compress without one
 */
public record StreamSettings(
    String topic, StreamCodec codec, Optional<DictionarySettings> dictionary) {
  public StreamSettings {
    UplinkSchema.STREAM_TOPIC.check(topic);
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(dictionary, "dictionary");
  }

  /** A stream with the plain codec and no dictionary. */
  public StreamSettings(String topic) {
    this(topic, StreamCodec.PLAIN, Optional.empty());
  }
}
