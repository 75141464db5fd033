package io.edgegateway.core.config;

import static io.edgegateway.core.config.Ros2Schema.DISTRO;
import static io.edgegateway.core.config.Ros2Schema.DOMAIN_ID;
import static io.edgegateway.core.config.Ros2Schema.FAST_PATH_SCHEDULING;
import static io.edgegateway.core.config.Ros2Schema.MESSAGE_PATHS;
import static io.edgegateway.core.config.Ros2Schema.PEERS;
import static io.edgegateway.core.config.Ros2Schema.SHARED_MEMORY;
import static io.edgegateway.core.config.Ros2Schema.SOCKET_BUFFER_BYTES;
import static io.edgegateway.core.config.Ros2Schema.TOPICS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code ros2} section ({@link Ros2Schema}) to {@link Ros2Settings}; each topic rule is
 * bound by {@link TopicRuleBinder}.
 */
final class Ros2Binder {
  private final TopicRuleBinder rules;

  Ros2Binder(BindContext context) {
    this.rules = new TopicRuleBinder(context);
  }

  /**
   * The settings; null when the section had errors (all reported).
   *
   * @param streamNames the streams rules may name; null when {@code uplink.streams} is invalid
   */
  @Nullable Ros2Settings bind(MappingView m, @Nullable Set<String> streamNames) {
    Integer domainId = m.get(DOMAIN_ID);
    List<String> peers = m.scalars(PEERS);
    List<Path> messagePaths = m.scalars(MESSAGE_PATHS);
    Ros2Distro distro = m.get(DISTRO);
    List<TopicRule> topicRules = new ArrayList<>();
    for (MappingView.Element rule : m.elements(TOPICS)) {
      topicRules.add(rules.bind(rule, domainId, streamNames));
    }
    FastPathScheduling scheduling = m.get(FAST_PATH_SCHEDULING);
    Long socketBufferBytes = m.get(SOCKET_BUFFER_BYTES);
    Boolean sharedMemory = m.get(SHARED_MEMORY);
    return m.build(
        () ->
            new Ros2Settings(
                Objects.requireNonNull(domainId, "domainId"),
                peers,
                messagePaths,
                topicRules,
                Objects.requireNonNull(scheduling, "scheduling"),
                Objects.requireNonNull(distro, "distro"),
                Objects.requireNonNull(socketBufferBytes, "socketBufferBytes").intValue(),
                Objects.requireNonNull(sharedMemory, "sharedMemory")));
  }
}
