package io.edgegateway.core.routing;

import io.edgegateway.core.config.TopicRule;
import java.util.List;
import java.util.Optional;

/**
 * The ordered topic rules of a gateway: the first rule whose matcher matches a topic applies to it;
 * topics no rule matches are ignored.
 *
 * <p>Lookups scan the rules in order; call {@link #ruleFor} when a topic is discovered, not per
 * sample.
 */
public final class TopicRules {
  private final List<TopicRule> rules;

  /** Rules in priority order: earlier rules win. */
  public TopicRules(List<TopicRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The first rule that matches {@code topic}, or empty when the topic is to be ignored. */
  public Optional<TopicRule> ruleFor(String topic) {
    for (TopicRule rule : rules) {
      if (rule.match().matches(topic)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** All rules, in order. */
  public List<TopicRule> rules() {
    return rules;
  }

  /** Number of rules. */
  public int size() {
    return rules.size();
  }
}
