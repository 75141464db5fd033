package io.edgegateway.core.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The whole gateway configuration, one record per YAML section (DESIGN §4). Built by {@link
 * ConfigLoader}, which reports every problem with its file position; the constructors check the
 * same rules again so a config built in code is valid too.
 *
 * @param gateway identity and local state
 * @param ros2 the ROS 2 bus and topic rules
 * @param buffer the durable queue
 * @param uplink the Kafka uplink
 * @param http the HTTP server
 */
public record GatewayConfig(
    GatewaySettings gateway,
    Ros2Settings ros2,
    BufferSettings buffer,
    UplinkSettings uplink,
    HttpSettings http) {

  public GatewayConfig {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(ros2, "ros2");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(http, "http");
    for (TopicRule rule : ros2.topics()) {
      if (!uplink.streams().containsKey(rule.stream())) {
        throw new IllegalArgumentException(
            "stream : "
                + rule.stream()
                + " (expected: one of uplink.streams "
                + uplink.streams().keySet()
                + ")");
      }
      OptionalInt toDomain = rule.relay().map(RelaySettings::toDomain).orElse(OptionalInt.empty());
      if (toDomain.isPresent() && toDomain.getAsInt() == ros2.domainId()) {
        throw new IllegalArgumentException(
            "to_domain : "
                + toDomain.getAsInt()
                + " (expected: a domain other than ros2.domain_id)");
      }
    }
  }

  /** A config with every default and no topic rules, for {@code robotId}. */
  public static GatewayConfig defaults(String robotId) {
    return new GatewayConfig(
        GatewaySettings.defaults(robotId),
        Ros2Settings.defaults(),
        BufferSettings.defaults(),
        UplinkSettings.defaults(),
        HttpSettings.defaults());
  }
}
