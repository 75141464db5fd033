package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The records check the same rules as the loader, with "name : value (expected: ...)" messages. */
class ConfigRecordsTest {
  private static final TopicMatcher CMD = TopicMatcher.parse("/cmd_vel");

  @Test
  void rangesComeFromTheSchema() {
    assertThatThrownBy(() -> new Ros2Settings(300, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("domain_id : 300 (expected: 0..232)");
    assertThatThrownBy(() -> TopicRule.of(CMD, TrafficClass.TELEMETRY).withPriority(10))
        .hasMessage("priority : 10 (expected: 0..9)");
    assertThatThrownBy(() -> new BatchSettings(10, Duration.ofMillis(200)))
        .hasMessage("max_bytes : 10B (expected: 1KiB..64MiB)");
    assertThatThrownBy(() -> new BatchSettings(1024, Duration.ZERO))
        .hasMessage("linger_ms : 0 (expected: 1..60000)");
    assertThatThrownBy(() -> new SamplePolicy.MaxRate(0))
        .hasMessage("max_rate_hz : 0 (expected: > 0)");
    assertThatThrownBy(() -> new SamplePolicy.EveryNth(0))
        .hasMessage("every_nth : 0 (expected: 1..2147483647)");
    assertThatThrownBy(
            () -> new GatewaySettings("bad id", Path.of("/x"), LineageSettings.defaults()))
        .hasMessage("robot_id : 'bad id' (expected: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`)");
    assertThatThrownBy(() -> new StreamSettings("a b"))
        .hasMessage("topic : 'a b' (expected: `[A-Za-z0-9._-]{1,249}`)");
    assertThatThrownBy(() -> new HttpSettings("localhost", 70000))
        .hasMessage("bind : localhost:70000 (expected: host:port with port 0..65535)");
  }

  @Test
  void controlRulesNeedARelayAndOthersMustNotHaveOne() {
    assertThatThrownBy(() -> TopicRule.of(CMD, TrafficClass.CONTROL))
        .hasMessage(
            "trafficClass : control (expected: telemetry, perception or diagnostics; use"
                + " control())");
    TopicRule control = TopicRule.control(CMD, RelaySettings.toDomain(1));
    assertThat(control.qos()).isEqualTo(Qos.controlDefault());
    assertThat(control.stream()).isEqualTo("telemetry");
    assertThat(control.withMirror(new MirrorSettings(50)).mirror())
        .contains(new MirrorSettings(50));
    assertThatThrownBy(() -> control.withSample(new SamplePolicy.EveryNth(2)))
        .hasMessage("sample : EveryNth[n=2] (expected: keep_all for class control; use mirror)");
    TopicRule telemetry = TopicRule.of(CMD, TrafficClass.TELEMETRY);
    assertThatThrownBy(() -> telemetry.withMirror(new MirrorSettings(5)))
        .hasMessage(
            "mirror : Optional[MirrorSettings[maxRateHz=5.0]] (expected: only for class control)");
  }

  @Test
  void relayNeedsExactlyOneTarget() {
    assertThatThrownBy(() -> new RelaySettings(OptionalInt.of(1), Optional.of("/x")))
        .hasMessage(
            "relay : OptionalInt[1], Optional[/x] (expected: exactly one of to_domain, to_topic)");
    assertThatThrownBy(() -> RelaySettings.toTopic("x"))
        .hasMessage("to_topic : x (expected: a valid topic name)")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TopicRule.control(TopicMatcher.parse("/c/*"), RelaySettings.toTopic("/d")))
        .hasMessage("relay.to_topic : /d (expected: an exact match)");
  }

  @Test
  void gatewayConfigChecksStreamsAndRelayDomain() {
    TopicRule rule = TopicRule.of(CMD, TrafficClass.TELEMETRY).withStream("other");
    assertThatThrownBy(
            () ->
                new GatewayConfig(
                    GatewaySettings.defaults("r1"),
                    new Ros2Settings(0, List.of(), List.of(rule)),
                    BufferSettings.defaults(),
                    UplinkSettings.defaults(),
                    HttpSettings.defaults()))
        .hasMessage(
            "stream : other (expected: one of uplink.streams [telemetry, perception, diagnostics,"
                + " incidents])");
    TopicRule echo = TopicRule.control(CMD, RelaySettings.toDomain(0));
    assertThatThrownBy(
            () ->
                new GatewayConfig(
                    GatewaySettings.defaults("r1"),
                    new Ros2Settings(0, List.of(), List.of(echo)),
                    BufferSettings.defaults(),
                    UplinkSettings.defaults(),
                    HttpSettings.defaults()))
        .hasMessage("to_domain : 0 (expected: a domain other than ros2.domain_id)");
  }

  @Test
  void mapsAreCopiedInOrderAndUnmodifiable() {
    Map<String, String> labels = new HashMap<>();
    labels.put("site", "plant-3");
    LineageSettings lineage = new LineageSettings("", "", "auto", labels);
    labels.put("late", "x");
    assertThat(lineage.labels()).containsOnlyKeys("site");
    assertThatThrownBy(() -> lineage.labels().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void kafkaSettingsRejectManagedProperties() {
    assertThatThrownBy(() -> new KafkaSettings("a:1", Map.of("transactional.id", "x")))
        .hasMessage(
            "properties : transactional.id (expected: not a property the gateway sets itself)");
    assertThatThrownBy(() -> new KafkaSettings("nohost", Map.of()))
        .hasMessage("bootstrap_servers : nohost (expected: host:port[,host:port...])");
  }

  @Test
  void defaultsAreValid() {
    GatewayConfig config = GatewayConfig.defaults("r1");
    assertThat(config.http().bind()).isEqualTo("127.0.0.1:9464");
    assertThat(config.uplink().topicOf("incidents")).isEqualTo("edge.incidents.v1");
    assertThatThrownBy(() -> config.uplink().topicOf("x"))
        .hasMessage(
            "stream : x (expected: one of [telemetry, perception, diagnostics, incidents])");
  }
}
