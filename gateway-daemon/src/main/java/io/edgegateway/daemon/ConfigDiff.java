package io.edgegateway.daemon;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.KafkaSettings;
import io.edgegateway.core.config.SaslSettings;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.uplink.SaslCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reloaded config changes against the running one, and which of its changes need a restart
 * (docs/configuration.md, "Live reload").
 *
 * <p>Live: the queued-class topic rules ({@code ros2.topics} entries of class telemetry,
 * perception, diagnostics: match, type, qos, sample, stream, priority, max_sample_bytes), {@code
 * buffer.max_bytes}, {@code buffer.ttl}, {@code uplink.budget} (added, changed or removed), {@code
 * http.auth} (also when only the token file's content changed) and the {@code uplink.kafka.sasl}
 * secret (the secret file's content, when nothing else of the Kafka client changed). Everything
 * else is wired once at start and needs a restart: the gateway's identity and state ({@code
 * gateway.*}), the bus ({@code ros2.domain_id}, {@code peers}, {@code message_paths}, {@code
 * distro}, {@code fast_path_scheduling}), the control rules (the fast path is never touched by a
 * reload), {@code buffer.durability} and {@code buffer.batch}, the Kafka client and every other
 * {@code uplink} key, {@code http.bind}, the field {@code metrics} and the {@code capture} section
 * (a rule's {@code capture: false} reloads live with the rules).
 */
final class ConfigDiff {
  private final List<String> restartKeys;
  private final boolean rulesChanged;
  private final boolean queueLimitsChanged;
  private final boolean authChanged;
  private final boolean saslSecretChanged;
  private final boolean budgetChanged;

  private ConfigDiff(
      List<String> restartKeys,
      boolean rulesChanged,
      boolean queueLimitsChanged,
      boolean authChanged,
      boolean saslSecretChanged,
      boolean budgetChanged) {
    this.budgetChanged = budgetChanged;
    this.restartKeys = List.copyOf(restartKeys);
    this.rulesChanged = rulesChanged;
    this.queueLimitsChanged = queueLimitsChanged;
    this.authChanged = authChanged;
    this.saslSecretChanged = saslSecretChanged;
  }

  /** The difference from {@code running} to {@code next}. */
  static ConfigDiff between(GatewayConfig running, GatewayConfig next) {
    Objects.requireNonNull(running, "running");
    Objects.requireNonNull(next, "next");
    List<String> keys = new ArrayList<>();
    var g0 = running.gateway();
    var g1 = next.gateway();
    changed(keys, "gateway.robot_id", g0.robotId(), g1.robotId());
    changed(keys, "gateway.data_dir", g0.dataDir(), g1.dataDir());
    changed(keys, "gateway.lineage", g0.lineage(), g1.lineage());
    var r0 = running.ros2();
    var r1 = next.ros2();
    changed(keys, "ros2.domain_id", r0.domainId(), r1.domainId());
    changed(keys, "ros2.peers", r0.peers(), r1.peers());
    changed(keys, "ros2.message_paths", r0.messagePaths(), r1.messagePaths());
    changed(keys, "ros2.distro", r0.distro(), r1.distro());
    changed(keys, "ros2.fast_path_scheduling", r0.fastPathScheduling(), r1.fastPathScheduling());
    controlRuleChanges(keys, r0.topics(), r1.topics());
    var b0 = running.buffer();
    var b1 = next.buffer();
    changed(keys, "buffer.durability", b0.durability(), b1.durability());
    changed(keys, "buffer.batch", b0.batch(), b1.batch());
    var u0 = running.uplink();
    var u1 = next.uplink();
    boolean saslSecret = onlySaslSecretDiffers(u0.kafka(), u1.kafka());
    if (!saslSecret) {
      changed(keys, "uplink.kafka", u0.kafka(), u1.kafka());
    }
    changed(keys, "uplink.streams", u0.streams(), u1.streams());
    changed(keys, "uplink.checkpoint_topic", u0.checkpointTopic(), u1.checkpointTopic());
    changed(keys, "uplink.dictionary_topic", u0.dictionaryTopic(), u1.dictionaryTopic());
    changed(keys, "http.bind", running.http().bind(), next.http().bind());
    changed(keys, "metrics", running.metrics(), next.metrics());
    changed(keys, "capture", running.capture(), next.capture());
    changed(keys, "audit", running.audit(), next.audit());
    boolean rules = !queued(r0.topics()).equals(queued(r1.topics()));
    boolean limits = b0.maxBytes() != b1.maxBytes() || !b0.ttl().equals(b1.ttl());
    boolean auth = !running.http().auth().equals(next.http().auth());
    boolean budget = !u0.budget().equals(u1.budget());
    if (keys.isEmpty()
        && !rules
        && !limits
        && !auth
        && !saslSecret
        && !budget
        && !running.equals(next)) {
      // A section added to GatewayConfig after this class was written: not live until it says so.
      keys.add("(a key this diff does not know)");
    }
    return new ConfigDiff(keys, rules, limits, auth, saslSecret, budget);
  }

  /**
   * Whether the two Kafka sections differ in the SASL secret alone (the secret file's content),
   * which a reload takes live ({@link io.edgegateway.uplink.SaslCredentials#rotate}).
   */
  private static boolean onlySaslSecretDiffers(KafkaSettings a, KafkaSettings b) {
    if (a.sasl().isEmpty() || b.sasl().isEmpty()) {
      return false;
    }
    SaslSettings sa = a.sasl().get();
    SaslSettings sb = b.sasl().get();
    return a.bootstrapServers().equals(b.bootstrapServers())
        && a.properties().equals(b.properties())
        && a.tls().equals(b.tls())
        && SaslCredentials.sameButSecret(sa, sb)
        && !sa.secret().equals(sb.secret());
  }

  private static void changed(List<String> keys, String key, Object before, Object after) {
    if (!before.equals(after)) {
      keys.add(key);
    }
  }

  /** One key per control rule added, removed or changed, named by its match. */
  private static void controlRuleChanges(
      List<String> keys, List<TopicRule> before, List<TopicRule> after) {
    Map<String, TopicRule> b = control(before);
    Map<String, TopicRule> a = control(after);
    for (var e : b.entrySet()) {
      if (!e.getValue().equals(a.get(e.getKey()))) {
        keys.add("ros2.topics[match=" + e.getKey() + "] (class control)");
      }
    }
    for (String match : a.keySet()) {
      if (!b.containsKey(match)) {
        keys.add("ros2.topics[match=" + match + "] (class control)");
      }
    }
  }

  private static Map<String, TopicRule> control(List<TopicRule> rules) {
    Map<String, TopicRule> out = new LinkedHashMap<>();
    for (TopicRule rule : rules) {
      if (rule.trafficClass() == TrafficClass.CONTROL) {
        out.putIfAbsent(rule.match().toString(), rule);
      }
    }
    return out;
  }

  private static List<TopicRule> queued(List<TopicRule> rules) {
    return rules.stream().filter(r -> r.trafficClass() != TrafficClass.CONTROL).toList();
  }

  /** The keys that changed but cannot change while running, in config order; empty if none. */
  List<String> restartKeys() {
    return restartKeys;
  }

  /** Whether some change needs a restart (then the reload is refused as a whole). */
  boolean needsRestart() {
    return !restartKeys.isEmpty();
  }

  /** Whether the queued-class topic rules (or their order) changed. */
  boolean rulesChanged() {
    return rulesChanged;
  }

  /** Whether {@code buffer.max_bytes} or {@code buffer.ttl} changed. */
  boolean queueLimitsChanged() {
    return queueLimitsChanged;
  }

  /**
   * Whether {@code http.auth} changed: added, removed, another file, another token (the file's
   * content changed) or {@code protect_metrics}. Live: the HTTP server reads the auth in effect on
   * every request.
   */
  boolean authChanged() {
    return authChanged;
  }

  /** Whether {@code uplink.budget} was added, changed or removed. Live: the sender asks it. */
  boolean budgetChanged() {
    return budgetChanged;
  }

  /**
   * Whether only the {@code uplink.kafka.sasl} secret changed (the client secret or password file's
   * content). Live: the uplink and the audit upload make new producers with it.
   */
  boolean saslSecretChanged() {
    return saslSecretChanged;
  }

  /**
   * Every key that changed, by name only (never a value): the restart keys, then {@code
   * ros2.topics}, {@code buffer.max_bytes/ttl} and {@code http.auth} when they changed. What the
   * audit log records for a reload.
   */
  List<String> changedKeys() {
    List<String> keys = new ArrayList<>(restartKeys);
    if (rulesChanged) {
      keys.add("ros2.topics");
    }
    if (queueLimitsChanged) {
      keys.add("buffer.max_bytes/ttl");
    }
    if (authChanged) {
      keys.add("http.auth");
    }
    if (saslSecretChanged) {
      keys.add("uplink.kafka.sasl (secret)");
    }
    if (budgetChanged) {
      keys.add("uplink.budget");
    }
    return keys;
  }

  /** Whether nothing at all changed. */
  boolean isEmpty() {
    return restartKeys.isEmpty()
        && !rulesChanged
        && !queueLimitsChanged
        && !authChanged
        && !saslSecretChanged
        && !budgetChanged;
  }

  @Override
  public String toString() {
    return "ConfigDiff[restart="
        + restartKeys
        + ", rules="
        + rulesChanged
        + ", limits="
        + queueLimitsChanged
        + ", auth="
        + authChanged
        + ", budget="
        + budgetChanged
        + "]";
  }
}
