package io.edgegateway.core.config;

/**
 * One entry of {@code uplink.streams}.
 *
 * @param topic Kafka topic of the stream, {@code [A-Za-z0-9._-]{1,249}}
 */
public record StreamSettings(String topic) {
  public StreamSettings {
    ConfigSchema.STREAM_TOPIC.check(topic);
  }
}
