package io.edgegateway.uplink;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.tls.TlsFiles;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The argument checks of {@link KafkaUplink#create}, before anything is started. */
final class UplinkArguments {
  private UplinkArguments() {}

  /**
   * @throws IllegalArgumentException if an argument is out of range
   * @throws NullPointerException if an argument is null
   */
  static void check(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries,
      Optional<TlsFiles> tls) {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientProperties, "clientProperties");
    Objects.requireNonNull(streamToTopic, "streamToTopic");
    Objects.requireNonNull(checkpointTopic, "checkpointTopic");
    if (robotId.isEmpty()) {
      throw new IllegalArgumentException("robotId : \"\" (expected: not empty)");
    }
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "bootstrapServers : \"" + bootstrapServers + "\" (expected: host:port[,host:port...])");
    }
    UplinkTopics.checkStreamTopics(streamToTopic, checkpointTopic);
    Objects.requireNonNull(dictionaries, "dictionaries");
    UplinkTopics.checkDictionaryTopic(dictionaryTopic, streamToTopic, checkpointTopic);
    Objects.requireNonNull(tls, "tls");
  }
}
