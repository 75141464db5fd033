package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String FILE = "gw.yaml";
  private static final Map<String, String> ENV =
      Map.of("ROBOT", "env-robot", "DOMAIN", "7", "EMPTY", "");

  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml, ENV::get);
  }

  private static GatewayConfig valid(String yaml) {
    ConfigResult result = parse(yaml);
    assertThat(result.formattedErrors()).isEmpty();
    return result.orElseThrow();
  }

  private static List<String> errors(String yaml) {
    ConfigResult result = parse(yaml);
    assertThat(result.isValid()).isFalse();
    assertThat(result.config()).isEmpty();
    return result.formattedErrors();
  }

  @Nested
  class ValidConfigs {
    @Test
    void minimalConfigGetsEveryDefault() {
      GatewayConfig config = valid("gateway: {robot_id: r1}\n");

      assertThat(config).isEqualTo(GatewayConfig.defaults("r1"));
      assertThat(config.gateway().dataDir()).isEqualTo(Path.of("/var/lib/edge-gateway"));
      assertThat(config.gateway().lineage().runId()).isEqualTo("auto");
      assertThat(config.gateway().lineage().autoRunId()).isTrue();
      assertThat(config.ros2().domainId()).isZero();
      assertThat(config.ros2().topics()).isEmpty();
      assertThat(config.buffer().maxBytes()).isEqualTo(2L << 30);
      assertThat(config.buffer().ttl()).isEqualTo(Duration.ofHours(72));
      assertThat(config.buffer().durability()).isEqualTo(Durability.PROCESS);
      assertThat(config.buffer().batch().maxBytes()).isEqualTo(256 * 1024);
      assertThat(config.buffer().batch().linger()).isEqualTo(Duration.ofMillis(200));
      assertThat(config.uplink().kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
      assertThat(config.uplink().streams())
          .containsExactly(
              Map.entry("telemetry", new StreamSettings("edge.telemetry.v1")),
              Map.entry("perception", new StreamSettings("edge.perception.v1")),
              Map.entry("diagnostics", new StreamSettings("edge.diagnostics.v1")),
              Map.entry("incidents", new StreamSettings("edge.incidents.v1")));
      assertThat(config.uplink().checkpointTopic()).isEqualTo("edge.gateway.checkpoints");
      assertThat(config.http()).isEqualTo(new HttpSettings("127.0.0.1", 9464));
    }

    @Test
    void sharedMemoryIsOffUnlessAskedForAndSocketBuffersDefaultToFourMebibytes() {
      GatewayConfig defaults = valid("gateway: {robot_id: r1}\n");
      GatewayConfig shm =
          valid(
              """
              gateway: {robot_id: r1}
              ros2: {shared_memory: true, socket_buffer_bytes: 8MiB}
              """);

      assertThat(defaults.ros2().sharedMemory()).isFalse();
      assertThat(defaults.ros2().socketBufferBytes()).isEqualTo(4 << 20);
      assertThat(shm.ros2().sharedMemory()).isTrue();
      assertThat(shm.ros2().socketBufferBytes()).isEqualTo(8 << 20);
    }

    @Test
    void ruleDefaultsDependOnClass() {
      GatewayConfig config =
          valid(
              """
              gateway: {robot_id: r1}
              ros2:
                domain_id: 3
                topics:
                  - match: /a
                  - match: /cam
                    class: perception
                  - match: /diag
                    class: diagnostics
                  - match: /cmd
                    class: control
                    relay: {to_domain: 4}
              """);

      List<TopicRule> rules = config.ros2().topics();
      assertThat(rules)
          .extracting(TopicRule::stream)
          .containsExactly("telemetry", "perception", "diagnostics", "telemetry");
      assertThat(rules.get(0).qos())
          .as("telemetry readers hold a burst plus a listener stall of a few ms at 10 kHz")
          .isEqualTo(
              new Qos(
                  Qos.Reliability.BEST_EFFORT,
                  Qos.Durability.VOLATILE,
                  Qos.History.KEEP_LAST,
                  100));
      assertThat(rules.get(1).qos()).isEqualTo(Qos.telemetryDefault());
      assertThat(rules.get(2).qos()).isEqualTo(Qos.telemetryDefault());
      assertThat(rules.get(3).qos()).isEqualTo(Qos.controlDefault());
      assertThat(rules.get(0).trafficClass()).isEqualTo(TrafficClass.TELEMETRY);
      assertThat(rules.get(0).sample()).isEqualTo(new SamplePolicy.KeepAll());
      assertThat(rules.get(0).priority()).isEqualTo(5);
      assertThat(rules.get(0).maxSampleBytes()).isEqualTo(256 * 1024);
      assertThat(rules.get(0).type()).isEmpty();
      assertThat(rules.get(3).relay()).contains(RelaySettings.toDomain(4));
      assertThat(rules.get(3).mirror()).isEmpty();
    }

    @Test
    void everyKeyIsRead() {
      GatewayConfig config =
          valid(
              """
              gateway:
                robot_id: hx-0042
                data_dir: /data/gw
                lineage: {firmware_version: "1.8.2", model_version: p-1, run_id: r-7, labels: {site: plant-3, n: 4}}
              ros2:
                domain_id: 0
                peers: [10.0.0.2, robot-b]
                message_paths: [/opt/ros/humble/share, ./msgs]
                topics:
                  - match: /joint_states
                    type: sensor_msgs/msg/JointState
                    class: telemetry
                    qos: {reliability: reliable, durability: transient_local, history: keep_all, depth: 50}
                    sample: {every_nth: 10}
                    stream: perception
                    priority: 0
                    max_sample_bytes: 64B
                  - match: /imu/*
                    qos: {depth: 3}
                    sample: {max_rate_hz: 12.5}
                  - match: re:^/ft/.*
                    sample: {on_change: {field: "position[3]", deadband: 0.01}}
                  - match: /joint_commands
                    class: control
                    relay: {to_topic: /robot/joint_commands}
                    mirror: {max_rate_hz: 50}
              buffer:
                max_bytes: 10MB
                ttl: 1d
                durability: power
                batch: {max_bytes: 1KiB, linger_ms: 60000}
              uplink:
                kafka:
                  bootstrap_servers: a:9092,b:9093
                  properties: {security.protocol: SASL_SSL, linger.ms: 5, retries: true}
                streams:
                  telemetry: {topic: t.v1}
                  perception: {topic: p.v1}
                checkpoint_topic: cp
              http:
                bind: "[::1]:0"
              """);

      assertThat(config.gateway().lineage())
          .isEqualTo(
              new LineageSettings("1.8.2", "p-1", "r-7", Map.of("site", "plant-3", "n", "4")));
      assertThat(config.gateway().dataDir()).isEqualTo(Path.of("/data/gw"));
      assertThat(config.ros2().peers()).containsExactly("10.0.0.2", "robot-b");
      assertThat(config.ros2().messagePaths())
          .containsExactly(Path.of("/opt/ros/humble/share"), Path.of("./msgs"));
      TopicRule first = config.ros2().topics().get(0);
      assertThat(first.type()).contains(RosTypeName.parse("sensor_msgs/msg/JointState"));
      assertThat(first.qos())
          .isEqualTo(
              new Qos(
                  Qos.Reliability.RELIABLE,
                  Qos.Durability.TRANSIENT_LOCAL,
                  Qos.History.KEEP_ALL,
                  50));
      assertThat(first.sample()).isEqualTo(new SamplePolicy.EveryNth(10));
      assertThat(first.stream()).isEqualTo("perception");
      assertThat(first.priority()).isZero();
      assertThat(first.maxSampleBytes()).isEqualTo(64);
      assertThat(config.ros2().topics().get(1).qos())
          .isEqualTo(
              new Qos(
                  Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 3));
      assertThat(config.ros2().topics().get(1).sample()).isEqualTo(new SamplePolicy.MaxRate(12.5));
      assertThat(config.ros2().topics().get(2).sample())
          .isEqualTo(new SamplePolicy.OnChange("position[3]", 0.01));
      TopicRule control = config.ros2().topics().get(3);
      assertThat(control.relay())
          .contains(new RelaySettings(OptionalInt.empty(), Optional.of("/robot/joint_commands")));
      assertThat(control.mirror()).contains(new MirrorSettings(50));
      assertThat(config.buffer())
          .isEqualTo(
              new BufferSettings(
                  10_000_000L,
                  Duration.ofDays(1),
                  Durability.POWER,
                  new BatchSettings(1024, Duration.ofMinutes(1))));
      assertThat(config.uplink().kafka().bootstrapServers()).isEqualTo("a:9092,b:9093");
      assertThat(config.uplink().kafka().properties())
          .containsExactly(
              Map.entry("security.protocol", "SASL_SSL"),
              Map.entry("linger.ms", "5"),
              Map.entry("retries", "true"));
      assertThat(config.uplink().streams().keySet()).containsExactly("telemetry", "perception");
      assertThat(config.uplink().topicOf("perception")).isEqualTo("p.v1");
      assertThat(config.uplink().checkpointTopic()).isEqualTo("cp");
      assertThat(config.http()).isEqualTo(new HttpSettings("::1", 0));
      assertThat(config.http().bind()).isEqualTo("[::1]:0");
    }

    @Test
    void streamCodecAndDictionaryAreRead() {
      GatewayConfig config =
          valid(
              """
              gateway: {robot_id: r1}
              uplink:
                streams:
                  telemetry: {topic: t, codec: columnar, dictionary: {train_after: 20, max_bytes: 16KiB}}
                  perception: {topic: p, dictionary: {file: /etc/eg/perception.zdict}}
                  diagnostics: {topic: d, dictionary: {}}
                  incidents: {topic: i}
                dictionary_topic: dicts
              """);

      Map<String, StreamSettings> streams = config.uplink().streams();
      assertThat(streams.get("telemetry"))
          .isEqualTo(
              new StreamSettings(
                  "t",
                  StreamCodec.COLUMNAR,
                  Optional.of(new DictionarySettings(20, 16 * 1024, Optional.empty()))));
      assertThat(streams.get("perception").codec()).isEqualTo(StreamCodec.PLAIN);
      assertThat(streams.get("perception").dictionary().orElseThrow().file())
          .contains(Path.of("/etc/eg/perception.zdict"));
      assertThat(streams.get("diagnostics").dictionary()).contains(DictionarySettings.defaults());
      assertThat(streams.get("incidents")).isEqualTo(new StreamSettings("i"));
      assertThat(config.uplink().dictionaryTopic()).isEqualTo("dicts");
      assertThat(config.uplink().usesDictionaries()).isTrue();
      assertThat(GatewayConfig.defaults("r1").uplink().usesDictionaries()).isFalse();
      assertThat(GatewayConfig.defaults("r1").uplink().dictionaryTopic())
          .isEqualTo("edge.gateway.dictionaries");
    }

    @Test
    void emptyValuesMeanTheDefault() {
      GatewayConfig config =
          valid(
              """
              gateway:
                robot_id: r1
                data_dir:
                lineage: ~
              ros2:
                peers:
                topics: null
              buffer:
              """);

      assertThat(config).isEqualTo(GatewayConfig.defaults("r1"));
    }

    @Test
    void firstMatchingRuleWins() {
      GatewayConfig config =
          valid(
              """
              gateway: {robot_id: r1}
              ros2:
                topics:
                  - {match: /imu/torso, priority: 9}
                  - {match: /imu/*, priority: 1}
              """);

      assertThat(config.ros2().topicRules().ruleFor("/imu/torso").map(TopicRule::priority))
          .contains(9);
      assertThat(config.ros2().topicRules().ruleFor("/imu/pelvis").map(TopicRule::priority))
          .contains(1);
      assertThat(config.ros2().topicRules().ruleFor("/camera")).isEmpty();
    }
  }

  @Nested
  class UnknownAndDuplicateKeys {
    @Test
    void unknownKeySuggestsKeyWithinTwoEdits() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    domian_id: 3
                  """))
          .containsExactly("gw.yaml:3:3: ros2.domian_id: unknown key; did you mean 'domain_id'?");
    }

    @Test
    void unknownKeySuggestsCaseInsensitiveMatch() {
      assertThat(errors("gateway:\n  ROBOT_ID: r1\n"))
          .containsExactly(
              "gw.yaml:1:1: gateway.robot_id: required key is missing",
              "gw.yaml:2:3: gateway.ROBOT_ID: unknown key; did you mean 'robot_id'?");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheKeys() {
      assertThat(errors("gateway: {robot_id: r1}\nhttp: {listen: 1.2.3.4:80}\n"))
          .containsExactly("gw.yaml:2:8: http.listen: unknown key (expected one of: bind, auth)");
    }

    @Test
    void unknownTopLevelSection() {
      assertThat(errors("gateway: {robot_id: r1}\nkafka: {}\n"))
          .containsExactly(
              "gw.yaml:2:1: kafka: unknown key (expected one of: gateway, ros2, buffer, uplink,"
                  + " http, metrics, capture, audit)");
    }

    @Test
    void unknownKeyInsideRule() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        colour: red
                        prio: 3
                  """))
          .containsExactly(
              "gw.yaml:5:7: ros2.topics[0].colour: unknown key (expected one of: match, type,"
                  + " class, qos, sample, stream, priority, relay, mirror, max_sample_bytes,"
                  + " capture)",
              "gw.yaml:6:7: ros2.topics[0].prio: unknown key; did you mean 'priority'?");
    }

    @Test
    void duplicateKeyPointsAtSecondAndFirstOccurrence() {
      assertThat(
              errors(
                  """
                  gateway:
                    robot_id: r1
                    robot_id: r2
                  """))
          .containsExactly(
              "gw.yaml:3:3: gateway.robot_id: duplicate key (first defined at line 2, column 3)");
    }

    @Test
    void duplicateSectionAndDuplicateLabel() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1, lineage: {labels: {a: x, a: y}}}
                  http: {}
                  http: {}
                  """))
          .containsExactly(
              "gw.yaml:1:50: gateway.lineage.labels.a: duplicate key (first defined at line 1,"
                  + " column 44)",
              "gw.yaml:3:1: http: duplicate key (first defined at line 2, column 1)");
    }

    @Test
    void nonScalarKeyIsReported() {
      assertThat(errors("gateway: {robot_id: r1}\n? [a, b]\n: 1\n"))
          .containsExactly("gw.yaml:2:3: expected a plain key, got a list");
    }
  }

  @Nested
  class RobotId {
    @Test
    void missingRobotIdIsReportedAtTheGatewayKey() {
      assertThat(
              errors(
                  """
                  # robot
                  gateway:
                    data_dir: /x
                  """))
          .containsExactly("gw.yaml:2:1: gateway.robot_id: required key is missing");
    }

    @Test
    void missingGatewaySectionIsReportedAtTheDocumentStart() {
      assertThat(errors("# robot\n\nros2: {domain_id: 1}\n"))
          .containsExactly("gw.yaml:1:1: gateway.robot_id: required key is missing");
    }

    @Test
    void emptyRobotIdIsReportedAtTheValue() {
      assertThat(errors("gateway:\n  robot_id:\n"))
          .containsExactly("gw.yaml:2:12: gateway.robot_id: required key has an empty value");
    }

    @Test
    void robotIdMustMatchThePattern() {
      assertThat(errors("gateway: {robot_id: 'hx 42'}\n"))
          .containsExactly(
              "gw.yaml:1:21: gateway.robot_id: expected a robot id like hx-0042 (letters, digits,"
                  + " . _ -), got 'hx 42'");
    }
  }

  @Nested
  class ValueErrors {
    @Test
    void badSize() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer:\n  max_bytes: lots\n"))
          .containsExactly(
              "gw.yaml:3:14: buffer.max_bytes: expected a size like 256KiB, 10MB or 1024 (bytes),"
                  + " got 'lots'");
    }

    @Test
    void badSizeUnit() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer:\n  batch: {max_bytes: 2XB}\n"))
          .containsExactly(
              "gw.yaml:3:22: buffer.batch.max_bytes: unknown size unit 'XB' in '2XB' (expected"
                  + " one of: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
    }

    @Test
    void sizeOutOfRange() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer:\n  batch:\n    max_bytes: 128MiB\n"))
          .containsExactly(
              "gw.yaml:4:16: buffer.batch.max_bytes: 128MiB is out of range (expected"
                  + " 1KiB..64MiB)");
    }

    @Test
    void badDuration() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer: {ttl: 3 weeks}\n"))
          .containsExactly(
              "gw.yaml:2:15: buffer.ttl: unknown duration unit 'weeks' in '3 weeks' (expected one"
                  + " of: ms, s, m, h, d)");
    }

    @Test
    void aPeerWithAPortIsAnErrorRatherThanAPortSilentlyIgnored() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  peers: [10.0.0.2, 'robot-b:7400']\n"))
          .containsExactly(
              "gw.yaml:3:21: ros2.peers[1]: expected a host name or IPv4 address without a port"
                  + " (discovery uses the domain's well-known DDS ports), got 'robot-b:7400'");
    }

    @Test
    void durationWithoutUnit() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer: {ttl: 72}\n"))
          .containsExactly(
              "gw.yaml:2:15: buffer.ttl: expected a duration like 200ms, 30s, 5m, 72h or 1d, got"
                  + " '72' (missing unit)");
    }

    @Test
    void durationOutOfRange() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer: {ttl: 30s}\n"))
          .containsExactly("gw.yaml:2:15: buffer.ttl: 30s is out of range (expected 1m..3650d)");
    }

    @Test
    void lingerMustBeIntegerMilliseconds() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer: {batch: {linger_ms: 200ms}}\n"))
          .containsExactly(
              "gw.yaml:2:29: buffer.batch.linger_ms: expected an integer, got '200ms'");
    }

    @Test
    void wrongTypeScalarForInteger() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  domain_id: abc\n"))
          .containsExactly("gw.yaml:3:14: ros2.domain_id: expected an integer, got 'abc'");
    }

    @Test
    void wrongTypeListWhereMappingExpected() {
      assertThat(errors("gateway:\n  - robot_id: r1\n"))
          .containsExactly("gw.yaml:2:3: gateway: expected a mapping, got a list");
    }

    @Test
    void wrongTypeMappingWhereScalarExpected() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        priority: {high: true}
                  """))
          .containsExactly(
              "gw.yaml:5:17: ros2.topics[0].priority: expected an integer, got a mapping");
    }

    @Test
    void wrongTypeScalarWhereListExpected() {
      assertThat(errors("gateway: {robot_id: r1}\nros2: {topics: /joint_states}\n"))
          .containsExactly("gw.yaml:2:16: ros2.topics: expected a list, got '/joint_states'");
    }

    @Test
    void wrongTypeScalarListElementWhereRuleExpected() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  topics:\n    - /joint_states\n"))
          .containsExactly("gw.yaml:4:7: ros2.topics[0]: expected a mapping, got '/joint_states'");
    }

    @Test
    void wrongTypeForEnum() {
      assertThat(errors("gateway: {robot_id: r1}\nbuffer: {durability: [power]}\n"))
          .containsExactly(
              "gw.yaml:2:22: buffer.durability: expected one of: process, power, got a list");
    }

    @Test
    void topLevelMustBeAMapping() {
      assertThat(errors("- gateway\n- ros2\n"))
          .containsExactly(
              "gw.yaml:1:1: expected a mapping of sections (gateway, ros2, ...) at the top level,"
                  + " got a list");
    }

    @Test
    void outOfRangeInteger() {
      assertThat(errors("gateway: {robot_id: r1}\nros2: {domain_id: 300}\n"))
          .containsExactly("gw.yaml:2:19: ros2.domain_id: 300 is out of range (expected 0..232)");
    }

    @Test
    void outOfRangePriorityInRule() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                      - match: /b
                      - match: /c
                        priority: 12
                  """))
          .containsExactly(
              "gw.yaml:7:17: ros2.topics[2].priority: 12 is out of range (expected 0..9)");
    }

    @Test
    void hugeIntegerIsOutOfRangeNotAnOverflow() {
      assertThat(errors("gateway: {robot_id: r1}\nros2: {domain_id: 99999999999999999999}\n"))
          .containsExactly(
              "gw.yaml:2:19: ros2.domain_id: 99999999999999999999 is out of range (expected"
                  + " 0..232)");
    }

    @Test
    void invalidEnumListsAllowedValues() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        class: telemtry
                        qos: {reliability: fast}
                  """))
          .containsExactly(
              "gw.yaml:5:14: ros2.topics[0].class: invalid value 'telemtry' (expected one of:"
                  + " control, telemetry, perception, diagnostics)",
              "gw.yaml:6:26: ros2.topics[0].qos.reliability: invalid value 'fast' (expected one"
                  + " of: best_effort, reliable)");
    }

    @Test
    void fastPathSchedulingDefaultsToFifoAndRejectsUnknownValues() {
      assertThat(valid("gateway: {robot_id: r1}\n").ros2().fastPathScheduling())
          .isEqualTo(FastPathScheduling.FIFO);
      assertThat(
              valid("gateway: {robot_id: r1}\nros2: {fast_path_scheduling: nice}\n")
                  .ros2()
                  .fastPathScheduling())
          .isEqualTo(FastPathScheduling.NICE);
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  fast_path_scheduling: rr\n"))
          .containsExactly(
              "gw.yaml:3:25: ros2.fast_path_scheduling: invalid value 'rr' (expected one of:"
                  + " fifo, nice, none)");
    }

    @Test
    void distroDefaultsToJazzyAndRejectsUnknownDistributionsAtTheirPosition() {
      assertThat(valid("gateway: {robot_id: r1}\n").ros2().distro()).isEqualTo(Ros2Distro.JAZZY);
      assertThat(valid("gateway: {robot_id: r1}\nros2: {distro: humble}\n").ros2().distro())
          .isEqualTo(Ros2Distro.HUMBLE);
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  distro: kilted\n"))
          .containsExactly(
              "gw.yaml:3:11: ros2.distro: invalid value 'kilted' (expected one of:"
                  + " humble, iron, jazzy)");
    }

    @Test
    void invalidMatchRegex() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  topics:\n    - match: re:/ft/(\n"))
          .containsExactly(
              "gw.yaml:4:14: ros2.topics[0].match: invalid regex '/ft/(': Unclosed group near"
                  + " index 5");
    }

    @Test
    void relativeMatchIsRejected() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  topics:\n    - match: joint_states\n"))
          .containsExactly(
              "gw.yaml:4:14: ros2.topics[0].match: expected an absolute topic name"
                  + " (/joint_states), a glob (/camera/*/compressed) or a regex (re:^/ft/.*), got"
                  + " 'joint_states'");
    }

    @Test
    void missingMatchIsReportedAtTheRule() {
      assertThat(errors("gateway: {robot_id: r1}\nros2:\n  topics:\n    - priority: 3\n"))
          .containsExactly("gw.yaml:4:7: ros2.topics[0].match: required key is missing");
    }

    @Test
    void invalidRosType() {
      assertThat(
              errors(
                  "gateway: {robot_id: r1}\nros2:\n  topics:\n    - {match: /a, type: JointState}\n"))
          .containsExactly(
              "gw.yaml:4:25: ros2.topics[0].type: expected a ROS type like"
                  + " sensor_msgs/msg/JointState, got 'JointState'");
    }

    @Test
    void bindNeedsHostAndPort() {
      assertThat(errors("gateway: {robot_id: r1}\nhttp: {bind: 9464}\n"))
          .containsExactly(
              "gw.yaml:2:14: http.bind: expected host:port like 127.0.0.1:9464 or [::1]:9464, got"
                  + " '9464'");
    }

    @Test
    void bootstrapServersNeedHostAndPort() {
      assertThat(errors("gateway: {robot_id: r1}\nuplink: {kafka: {bootstrap_servers: 'a:1,b'}}\n"))
          .containsExactly(
              "gw.yaml:2:37: uplink.kafka.bootstrap_servers: expected host:port[,host:port...]"
                  + " like 127.0.0.1:9092, got 'a:1,b'");
    }
  }

  @Nested
  class RuleClassRules {
    @Test
    void controlRuleWithoutRelay() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /joint_commands
                        class: control
                  """))
          .containsExactly(
              "gw.yaml:4:7: ros2.topics[0].relay: required for class control (set relay:"
                  + " {to_domain: N} or relay: {to_topic: /name})");
    }

    @Test
    void relayAndMirrorOnNonControlRule() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /joint_states
                        relay: {to_domain: 1}
                        mirror: {max_rate_hz: 5}
                  """))
          .containsExactly(
              "gw.yaml:5:7: ros2.topics[0].relay: only allowed for class control (this rule is"
                  + " class telemetry)",
              "gw.yaml:6:7: ros2.topics[0].mirror: only allowed for class control (this rule is"
                  + " class telemetry)");
    }

    @Test
    void sampleOnControlRule() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /cmd_vel
                        class: control
                        relay: {to_domain: 1}
                        sample: {max_rate_hz: 5}
                  """))
          .containsExactly(
              "gw.yaml:7:7: ros2.topics[0].sample: not allowed for class control (control"
                  + " samples are relayed; use mirror.max_rate_hz to sample the copy that is"
                  + " queued)");
    }

    @Test
    void relayNeedsExactlyOneTarget() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /cmd_vel
                        class: control
                        relay: {to_domain: 1, to_topic: /x}
                      - match: /cmd_pos
                        class: control
                        relay: {}
                  """))
          .containsExactly(
              "gw.yaml:6:7: ros2.topics[0].relay: expected exactly one of: to_domain, to_topic",
              "gw.yaml:9:7: ros2.topics[1].relay: expected exactly one of: to_domain, to_topic");
    }

    @Test
    void relayMustNotEchoOntoTheSourceBus() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    domain_id: 5
                    topics:
                      - {match: /a, class: control, relay: {to_domain: 5}}
                      - {match: /b, class: control, relay: {to_topic: /b}}
                      - {match: /c/*, class: control, relay: {to_topic: /d}}
                  """))
          .containsExactly(
              "gw.yaml:5:54: ros2.topics[0].relay.to_domain: must differ from ros2.domain_id (5);"
                  + " relaying into the source domain would echo every sample",
              "gw.yaml:6:53: ros2.topics[1].relay.to_topic: must differ from the matched topic;"
                  + " relaying onto the source topic would echo every sample",
              "gw.yaml:7:55: ros2.topics[2].relay.to_topic: needs a rule with an exact match, but"
                  + " match '/c/*' matches many topics");
    }

    @Test
    void mirrorNeedsRate() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /cmd_vel
                        class: control
                        relay: {to_domain: 1}
                        mirror: {max_rate_hz: 0}
                      - match: /cmd_pos
                        class: control
                        relay: {to_domain: 1}
                        mirror: {rate: 3}
                  """))
          .containsExactly(
              "gw.yaml:7:29: ros2.topics[0].mirror.max_rate_hz: 0 is out of range (expected > 0)",
              "gw.yaml:11:7: ros2.topics[1].mirror.max_rate_hz: required key is missing",
              "gw.yaml:11:16: ros2.topics[1].mirror.rate: unknown key (expected one of:"
                  + " max_rate_hz)");
    }

    @Test
    void streamNotDefinedInUplink() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        stream: fast
                      - match: /cam
                        class: perception
                  uplink:
                    streams:
                      telemetry: {topic: t}
                  """))
          .containsExactly(
              "gw.yaml:5:15: ros2.topics[0].stream: stream 'fast' is not defined in"
                  + " uplink.streams (defined: telemetry)",
              "gw.yaml:6:7: ros2.topics[1].stream: stream 'perception' (default of class"
                  + " perception) is not defined in uplink.streams (defined: telemetry)");
    }

    @Test
    void theIncidentsStreamIsReservedForTheIncidentUpload() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        stream: incidents
                  """))
          .containsExactly(
              "gw.yaml:5:15: ros2.topics[0].stream: stream 'incidents' is reserved for the"
                  + " incident upload (capture); route the topic to another stream, its incidents"
                  + " go there anyway");
    }
  }

  @Nested
  class SamplePolicies {
    @Test
    void sampleNeedsExactlyOnePolicy() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - match: /a
                        sample: {max_rate_hz: 5, every_nth: 2}
                      - match: /b
                        sample: {}
                  """))
          .containsExactly(
              "gw.yaml:5:7: ros2.topics[0].sample: expected exactly one of: keep_all,"
                  + " max_rate_hz, every_nth, on_change, got max_rate_hz, every_nth",
              "gw.yaml:7:7: ros2.topics[1].sample: expected exactly one of: keep_all,"
                  + " max_rate_hz, every_nth, on_change");
    }

    @Test
    void misspeltPolicyIsOnlyReportedAsUnknownKey() {
      assertThat(
              errors(
                  "gateway: {robot_id: r1}\nros2:\n  topics:\n"
                      + "    - {match: /a, sample: {max_rate: 5}}\n"))
          .containsExactly(
              "gw.yaml:4:28: ros2.topics[0].sample.max_rate: unknown key; did you mean"
                  + " 'max_rate_hz'?");
    }

    @Test
    void policyValuesAreChecked() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  ros2:
                    topics:
                      - {match: /a, sample: {keep_all: false}}
                      - {match: /b, sample: {every_nth: 0}}
                      - {match: /c, sample: {on_change: {deadband: -1}}}
                      - {match: /d, sample: {on_change: {field: 'a b'}}}
                  """))
          .containsExactly(
              "gw.yaml:4:38: ros2.topics[0].sample.keep_all: false is out of range (expected"
                  + " true)",
              "gw.yaml:5:39: ros2.topics[1].sample.every_nth: 0 is out of range (expected"
                  + " 1..2147483647)",
              "gw.yaml:6:28: ros2.topics[2].sample.on_change.field: required key is missing",
              "gw.yaml:6:50: ros2.topics[2].sample.on_change.deadband: -1 is out of range"
                  + " (expected >= 0)",
              "gw.yaml:7:47: ros2.topics[3].sample.on_change.field: expected a field path like"
                  + " position[3] or linear.x, got 'a b'");
    }
  }

  @Nested
  class CrossChecks {
    @Test
    void bufferSmallerThanBatch() {
      assertThat(
              errors(
                  "gateway: {robot_id: r1}\nbuffer:\n  max_bytes: 1MiB\n"
                      + "  batch: {max_bytes: 2MiB}\n"))
          .containsExactly(
              "gw.yaml:3:14: buffer.max_bytes: 1MiB is less than buffer.batch.max_bytes (2MiB)");
    }

    @Test
    void managedKafkaPropertiesAreRejected() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  uplink:
                    kafka:
                      properties:
                        acks: all
                        transactional.id: mine
                        bootstrap.servers: x:1
                  """))
          .containsExactly(
              "gw.yaml:6:7: uplink.kafka.properties.transactional.id: set by the gateway and"
                  + " cannot be overridden",
              "gw.yaml:7:7: uplink.kafka.properties.bootstrap.servers: set by the gateway and"
                  + " cannot be overridden (use uplink.kafka.bootstrap_servers)");
    }

    @Test
    void kafkaPropertyValuesMustBeScalars() {
      assertThat(errors("gateway: {robot_id: r1}\nuplink: {kafka: {properties: {a: [1], b: }}}\n"))
          .containsExactly(
              "gw.yaml:2:34: uplink.kafka.properties.a: expected a string, got a list",
              "gw.yaml:2:41: uplink.kafka.properties.b: expected a string, got an empty value");
    }

    @Test
    void checkpointTopicMustDifferFromStreamTopics() {
      assertThat(
              errors("gateway: {robot_id: r1}\nuplink:\n  checkpoint_topic: edge.telemetry.v1\n"))
          .containsExactly(
              "gw.yaml:3:21: uplink.checkpoint_topic: 'edge.telemetry.v1' is also the topic of"
                  + " stream 'telemetry'");
    }

    @Test
    void dictionaryTopicMustDifferFromStreamAndCheckpointTopics() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  uplink:
                    streams: {telemetry: {topic: t}}
                    checkpoint_topic: cp
                    dictionary_topic: t
                  """))
          .containsExactly(
              "gw.yaml:5:21: uplink.dictionary_topic: 't' is also the topic of stream"
                  + " 'telemetry'");
      assertThat(
              errors(
                  "gateway: {robot_id: r1}\nuplink:\n  dictionary_topic: edge.gateway.checkpoints\n"))
          .containsExactly(
              "gw.yaml:3:21: uplink.dictionary_topic: 'edge.gateway.checkpoints' is also the"
                  + " checkpoint_topic");
    }

    @Test
    void codecAndDictionaryValuesAreChecked() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  uplink:
                    streams:
                      telemetry: {topic: t, codec: zip, dictionary: {train_after: 0, max_bytes: 2MiB, trian: 1}}
                  """))
          .containsExactly(
              "gw.yaml:4:34: uplink.streams.telemetry.codec: invalid value 'zip' (expected one of:"
                  + " plain, columnar)",
              "gw.yaml:4:65: uplink.streams.telemetry.dictionary.train_after: 0 is out of range"
                  + " (expected 1..1000000)",
              "gw.yaml:4:79: uplink.streams.telemetry.dictionary.max_bytes: 2MiB is out of range"
                  + " (expected 1KiB..1MiB)",
              "gw.yaml:4:85: uplink.streams.telemetry.dictionary.trian: unknown key (expected one"
                  + " of: train_after, max_bytes, file)");
    }

    @Test
    void streamNamesAndTopicsAreChecked() {
      assertThat(
              errors(
                  """
                  gateway: {robot_id: r1}
                  uplink:
                    streams:
                      Telemetry: {topic: t}
                      perception: {topic: "a b"}
                      diagnostics: {}
                  """))
          .containsExactly(
              "gw.yaml:4:5: uplink.streams.Telemetry: expected a stream name like telemetry, got"
                  + " 'Telemetry'",
              "gw.yaml:5:25: uplink.streams.perception.topic: expected a Kafka topic name like"
                  + " edge.telemetry.v1, got 'a b'",
              "gw.yaml:6:5: uplink.streams.diagnostics.topic: required key is missing");
    }
  }

  @Nested
  class Syntax {
    @Test
    void yamlSyntaxErrorCarriesSnakeyamlPosition() {
      assertThat(errors("gateway:\n  robot_id: r1\n  data_dir: a: b\n"))
          .containsExactly("gw.yaml:3:14: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void unclosedFlowSequence() {
      assertThat(errors("gateway: {robot_id: r1}\nros2: {peers: [a, b}\n"))
          .containsExactly(
              "gw.yaml:2:20: YAML syntax error: expected ',' or ']', but got } (while parsing a"
                  + " flow sequence)");
    }

    @Test
    void tabIndentation() {
      assertThat(errors("gateway:\n\trobot_id: r1\n"))
          .containsExactly(
              "gw.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any"
                  + " token. (Do not use \\t(TAB) for indentation) (while scanning for the next"
                  + " token)");
    }

    @Test
    void undefinedAlias() {
      assertThat(errors("gateway: {robot_id: *id}\n"))
          .containsExactly("gw.yaml:1:21: YAML syntax error: found undefined alias id");
    }

    @Test
    void moreThanOneDocument() {
      assertThat(errors("gateway: {robot_id: r1}\n---\nhttp: {}\n"))
          .containsExactly(
              "gw.yaml:2:1: YAML syntax error: but found another document (expected a single"
                  + " document in the stream)");
    }

    @Test
    void controlCharacter() {
      assertThat(errors("gateway: {robot_id: r1}\nx: \u0001\n"))
          .containsExactly(
              "gw.yaml:2:4: YAML syntax error: special characters are not allowed (U+0001)");
    }

    @Test
    void anchorsAndAliasesWork() {
      GatewayConfig config =
          valid(
              """
              gateway: {robot_id: r1}
              ros2:
                topics:
                  - &imu {match: /imu/torso, priority: 8}
                  - {match: /imu/pelvis, priority: 8}
                  - *imu
              """);
      assertThat(config.ros2().topics()).hasSize(3);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
      String deep = "gateway: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
      assertThat(errors(deep)).containsExactly("gw.yaml:1:41: nested deeper than 32 levels");
    }

    @Test
    void emptyFile() {
      String expected =
          "gw.yaml:1:1: file is empty (expected a mapping with at least gateway.robot_id)";
      assertThat(errors("")).containsExactly(expected);
      assertThat(errors("  \n\n# just a comment\n")).containsExactly(expected);
      assertThat(errors("---\n")).containsExactly(expected);
      assertThat(errors("~\n")).containsExactly(expected);
    }
  }

  @Nested
  class Substitutions {
    @Test
    void environmentVariablesAreSubstitutedInAnyScalar() {
      GatewayConfig config =
          valid(
              """
              gateway:
                robot_id: ${ROBOT}
                lineage: {firmware_version: "v${DOMAIN}-$${literal}", model_version: "${EMPTY}"}
              ros2: {domain_id: "${DOMAIN}"}
              """);

      assertThat(config.gateway().robotId()).isEqualTo("env-robot");
      assertThat(config.gateway().lineage().firmwareVersion()).isEqualTo("v7-${literal}");
      assertThat(config.gateway().lineage().modelVersion()).isEmpty();
      assertThat(config.ros2().domainId()).isEqualTo(7);
    }

    @Test
    void missingEnvironmentVariableIsReportedAtTheValue() {
      assertThat(errors("gateway:\n  robot_id: ${NOPE}\n"))
          .containsExactly(
              "gw.yaml:2:13: gateway.robot_id: environment variable 'NOPE' is not set");
    }

    @Test
    void badReferences() {
      assertThat(
              errors(
                  "gateway:\n  robot_id: r1\n  lineage:\n"
                      + "    firmware_version: ${OPEN\n    model_version: ${1X}\n"))
          .containsExactly(
              "gw.yaml:4:23: gateway.lineage.firmware_version: unterminated '${' in '${OPEN'"
                  + " (expected '}'; write '$${' for a literal '${')",
              "gw.yaml:5:20: gateway.lineage.model_version: invalid reference '${1X}' (expected"
                  + " ${NAME} or ${file:/path})");
    }

    @Test
    void fileReferenceReadsTheFileWithoutItsTrailingNewline(@TempDir Path dir) throws IOException {
      Path secret = dir.resolve("jaas.conf");
      Files.writeString(secret, "line1\nline2\n\n", StandardCharsets.UTF_8);
      Path id = dir.resolve("robot-id");
      Files.writeString(id, "hx-7\r\n", StandardCharsets.UTF_8);

      GatewayConfig config =
          valid(
              "gateway: {robot_id: '${file:"
                  + id
                  + "}'}\n"
                  + "uplink: {kafka: {properties: {sasl.jaas.config: '${file:"
                  + secret
                  + "}'}}}\n");

      assertThat(config.gateway().robotId()).isEqualTo("hx-7");
      assertThat(config.uplink().kafka().properties())
          .containsEntry("sasl.jaas.config", "line1\nline2\n");
    }

    @Test
    void unreadableFileReferenceIsReportedAtTheValue(@TempDir Path dir) {
      Path missing = dir.resolve("missing");
      assertThat(errors("gateway:\n  robot_id: ${file:" + missing + "}\n"))
          .containsExactly(
              "gw.yaml:2:13: gateway.robot_id: cannot read ${file:" + missing + "}: no such file");
    }
  }

  @Nested
  class FileErrors {
    @Test
    void missingFile(@TempDir Path dir) {
      Path file = dir.resolve("nope.yaml");
      assertThat(ConfigLoader.load(file).formattedErrors())
          .containsExactly(file + ":1:1: cannot read config file: no such file");
    }

    @Test
    void directoryInsteadOfFile(@TempDir Path dir) {
      assertThat(ConfigLoader.load(dir).formattedErrors())
          .containsExactly(dir + ":1:1: cannot read config file: is a directory");
    }

    @Test
    void fileThatIsNotUtf8(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("latin1.yaml");
      Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
      assertThat(ConfigLoader.load(file).formattedErrors())
          .containsExactly(file + ":1:1: config file is not UTF-8 text");
    }

    @Test
    void fileWithByteOrderMarkLoads(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("bom.yaml");
      Files.writeString(file, "\uFEFFgateway: {robot_id: r1}\n", StandardCharsets.UTF_8);
      assertThat(ConfigLoader.load(file).orElseThrow().gateway().robotId()).isEqualTo("r1");
    }

    @Test
    void loadUsesTheGivenEnvironment(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("env.yaml");
      Files.writeString(file, "gateway: {robot_id: '${ID}'}\n", StandardCharsets.UTF_8);
      assertThat(ConfigLoader.load(file, Map.of("ID", "from-env")::get).orElseThrow())
          .isEqualTo(GatewayConfig.defaults("from-env"));
    }
  }

  @Test
  void reportsEveryErrorAtOnceInFileOrder() {
    List<String> errors =
        errors(
            """
            gateway:
              data_dir: /x
            ros2:
              domain_id: abc
              topics:
                - match: /a
                  priority: -1
                - match: /cmd
                  class: control
            buffer:
              max_bytes: 2XB
              ttl: forever
            http:
              bind: localhost
            """);

    assertThat(errors)
        .containsExactly(
            "gw.yaml:1:1: gateway.robot_id: required key is missing",
            "gw.yaml:4:14: ros2.domain_id: expected an integer, got 'abc'",
            "gw.yaml:7:17: ros2.topics[0].priority: -1 is out of range (expected 0..9)",
            "gw.yaml:8:7: ros2.topics[1].relay: required for class control (set relay:"
                + " {to_domain: N} or relay: {to_topic: /name})",
            "gw.yaml:11:14: buffer.max_bytes: unknown size unit 'XB' in '2XB' (expected one of:"
                + " B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)",
            "gw.yaml:12:8: buffer.ttl: expected a duration like 200ms, 30s, 5m, 72h or 1d, got"
                + " 'forever'",
            "gw.yaml:14:9: http.bind: expected host:port like 127.0.0.1:9464 or [::1]:9464, got"
                + " 'localhost'");
  }

  @Test
  void orElseThrowListsEveryError() {
    ConfigResult result = parse("gateway: {}\nros2: {domain_id: x}\n");

    assertThatThrownBy(result::orElseThrow)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "gw.yaml:1:1: gateway.robot_id: required key is missing\n"
                + "gw.yaml:2:19: ros2.domain_id: expected an integer, got 'x'")
        .satisfies(e -> assertThat(((ConfigException) e).errors()).hasSize(2));
  }
}
