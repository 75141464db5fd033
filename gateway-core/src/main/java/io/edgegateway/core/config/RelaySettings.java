package io.edgegateway.core.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code relay} of a control rule: where the fast path republishes each sample. Exactly one of
 * the two is present.
 *
 * @param toDomain republish on the same topic in this DDS domain
 * @param toTopic republish in the source domain on this absolute topic
 */
public record RelaySettings(OptionalInt toDomain, Optional<String> toTopic) {
  public RelaySettings {
    Objects.requireNonNull(toDomain, "toDomain");
    Objects.requireNonNull(toTopic, "toTopic");
    if (toDomain.isPresent() == toTopic.isPresent()) {
      throw new IllegalArgumentException(
          "relay : "
              + toDomain
              + ", "
              + toTopic
              + " (expected: exactly one of to_domain, to_topic)");
    }
    toDomain.ifPresent(TopicRuleSchema.TO_DOMAIN::check);
    toTopic.ifPresent(TopicRuleSchema.TO_TOPIC::check);
  }

  /** Relay to {@code domain}, same topic name. */
  public static RelaySettings toDomain(int domain) {
    return new RelaySettings(OptionalInt.of(domain), Optional.empty());
  }

  /** Relay to {@code topic}, same domain. */
  public static RelaySettings toTopic(String topic) {
    return new RelaySettings(OptionalInt.empty(), Optional.of(topic));
  }
}
