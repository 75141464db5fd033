package io.edgegateway.daemon;

import io.edgegateway.core.config.StreamSettings;
import io.edgegateway.core.config.UplinkSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka topic of every stream in {@code uplink.streams}, in config order. */
final class StreamTopics {
  private StreamTopics() {}

  static Map<String, String> of(UplinkSettings uplink) {
    Map<String, String> streamTopics = new LinkedHashMap<>();
    for (Map.Entry<String, StreamSettings> e : uplink.streams().entrySet()) {
      streamTopics.put(e.getKey(), e.getValue().topic());
    }
    return streamTopics;
  }
}
