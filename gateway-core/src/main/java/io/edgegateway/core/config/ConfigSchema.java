package io.edgegateway.core.config;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The config contract as data: every section and key with its type, range, default and description
 * (DESIGN §4).
 *
 * <p>This is the one place defaults and ranges are declared. {@link ConfigParser} reads YAML
 * against it, the records check their arguments with its keys, and {@link ConfigReference} renders
 * {@code docs/configuration.md} from it.
 */
final class ConfigSchema {
  private ConfigSchema() {}

  static final String ROBOT_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
  static final String KAFKA_TOPIC_PATTERN = "[A-Za-z0-9._-]{1,249}";
  static final String STREAM_NAME_PATTERN = "[a-z][a-z0-9_-]{0,63}";
  static final String FIELD_PATH_PATTERN =
      "[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+\\])?)*";
  static final String METRIC_NAME_PATTERN = "[a-z_][a-z0-9_]{0,99}";
  static final int MAX_DOMAIN_ID = 232;

  /** Kafka client properties the gateway sets itself; overriding them would break exactly-once. */
  static final Set<String> MANAGED_KAFKA_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "transactional.id",
          "enable.idempotence",
          "key.serializer",
          "value.serializer",
          "key.deserializer",
          "value.deserializer",
          "isolation.level");

  // ---- class-dependent defaults ----

  /** QoS of a rule that gives none, by class: control is reliable, the rest best effort. */
  static Qos defaultQos(TrafficClass trafficClass) {
    return trafficClass == TrafficClass.CONTROL ? Qos.controlDefault() : Qos.telemetryDefault();
  }

  /**
   * Stream of a rule that names none, by class. Control samples are relayed, not queued; the stream
   * of a control rule receives its mirror copies.
   */
  static String defaultStream(TrafficClass trafficClass) {
    switch (trafficClass) {
      case PERCEPTION:
        return "perception";
      case DIAGNOSTICS:
        return "diagnostics";
      case CONTROL:
      case TELEMETRY:
      default:
        return "telemetry";
    }
  }

  /** Streams and their Kafka topics when {@code uplink.streams} is absent. */
  static Map<String, StreamSettings> defaultStreams() {
    Map<String, StreamSettings> streams = new LinkedHashMap<>();
    streams.put("telemetry", new StreamSettings("edge.telemetry.v1"));
    streams.put("perception", new StreamSettings("edge.perception.v1"));
    streams.put("diagnostics", new StreamSettings("edge.diagnostics.v1"));
    streams.put("incidents", new StreamSettings("edge.incidents.v1"));
    return streams;
  }

  // ---- gateway ----

  static final Key<String> ROBOT_ID =
      Key.required(
          "robot_id",
          ValueType.matching(ROBOT_ID_PATTERN, "a robot id like hx-0042 (letters, digits, . _ -)"),
          "Identity of this robot; the key of every Kafka record and part of the transactional id.");
  static final Key<Path> DATA_DIR =
      Key.withDefault(
          "data_dir",
          ValueType.path(),
          "/var/lib/edge-gateway",
          "Directory of the SQLite queue and gateway state.");
  static final Key<String> FIRMWARE_VERSION =
      Key.withDefault(
          "firmware_version",
          ValueType.string(),
          "",
          "Robot firmware version, stamped on batches.");
  static final Key<String> MODEL_VERSION =
      Key.withDefault(
          "model_version",
          ValueType.string(),
          "",
          "Control policy or model version, stamped on batches.");
  static final Key<String> RUN_ID =
      Key.withDefault(
          "run_id",
          ValueType.nonEmptyString(),
          "auto",
          "Id of this run, stamped on batches; `auto` lets the gateway generate one per start.");
  static final Key<String> LABELS =
      Key.stringMap("labels", "Free-form labels stamped on batches, e.g. `{site: plant-3}`.");
  static final Section LINEAGE_SECTION =
      Section.of(
          "gateway.lineage",
          "Where the data came from; stamped into every batch.",
          FIRMWARE_VERSION,
          MODEL_VERSION,
          RUN_ID,
          LABELS);
  static final Key<Void> LINEAGE =
      Key.section("lineage", LINEAGE_SECTION, "see below", "Lineage stamped on every batch.");
  static final Section GATEWAY_SECTION =
      Section.of("gateway", "Identity of the robot and local state.", ROBOT_ID, DATA_DIR, LINEAGE);

  // ---- ros2.topics[] ----

  static final Key<Qos.Reliability> RELIABILITY =
      Key.derived(
          "reliability",
          ValueType.enumOf(Qos.Reliability.class),
          byClass(c -> ValueType.configName(defaultQos(c).reliability())),
          "DDS reliability of the subscription.");
  static final Key<Qos.Durability> QOS_DURABILITY =
      Key.derived(
          "durability",
          ValueType.enumOf(Qos.Durability.class),
          byClass(c -> ValueType.configName(defaultQos(c).durability())),
          "DDS durability of the subscription.");
  static final Key<Qos.History> HISTORY =
      Key.derived(
          "history",
          ValueType.enumOf(Qos.History.class),
          byClass(c -> ValueType.configName(defaultQos(c).history())),
          "DDS history kind of the subscription.");
  static final Key<Integer> DEPTH =
      Key.derived(
          "depth",
          ValueType.integer(1, 10_000),
          byClass(c -> String.valueOf(defaultQos(c).depth())),
          "DDS history depth (used with `keep_last`).");
  static final Section QOS_SECTION =
      Section.of(
          "ros2.topics[].qos",
          "DDS quality of service. Keys left out keep the default of the rule's class.",
          RELIABILITY,
          QOS_DURABILITY,
          HISTORY,
          DEPTH);

  static final Key<String> ON_CHANGE_FIELD =
      Key.required(
          "field",
          ValueType.matching(
              FIELD_PATH_PATTERN, "a field path like position[3] or linear.x", "field path"),
          "Field of the message to watch, e.g. `position[3]` or `linear.x`.");
  static final Key<Double> DEADBAND =
      Key.withDefault(
          "deadband",
          ValueType.nonNegativeNumber(),
          "0",
          "A sample is kept when the field moved by more than this since the last kept sample.");
  static final Section ON_CHANGE_SECTION =
      Section.of(
          "ros2.topics[].sample.on_change",
          "Keep a sample only when a numeric field changed by more than a deadband.",
          ON_CHANGE_FIELD,
          DEADBAND);
  static final Key<Boolean> KEEP_ALL =
      Key.optional("keep_all", ValueType.trueOnly(), "Keep every sample (`keep_all: true`).");
  static final Key<Double> SAMPLE_MAX_RATE_HZ =
      Key.optional(
          "max_rate_hz", ValueType.positiveNumber(), "Keep at most this many samples per second.");
  static final Key<Integer> EVERY_NTH =
      Key.optional(
          "every_nth", ValueType.integer(1, Integer.MAX_VALUE), "Keep one sample out of every N.");
  static final Key<Void> ON_CHANGE =
      Key.section("on_change", ON_CHANGE_SECTION, "—", "Keep samples whose field changed.");
  static final Section SAMPLE_SECTION =
      Section.of(
          "ros2.topics[].sample",
          "Which samples go to the durable queue. Exactly one key.",
          KEEP_ALL,
          SAMPLE_MAX_RATE_HZ,
          EVERY_NTH,
          ON_CHANGE);

  static final Key<Integer> TO_DOMAIN =
      Key.optional(
          "to_domain",
          ValueType.integer(0, MAX_DOMAIN_ID),
          "Republish on the same topic in this DDS domain (not `ros2.domain_id`).");
  static final Key<String> TO_TOPIC =
      Key.optional(
          "to_topic",
          ValueType.topicName(),
          "Republish in the same domain on this topic; needs an exact `match`.");
  static final Section RELAY_SECTION =
      Section.of(
          "ros2.topics[].relay",
          "Fast-path relay of a control topic. Exactly one key.",
          TO_DOMAIN,
          TO_TOPIC);

  static final Key<Double> MIRROR_MAX_RATE_HZ =
      Key.required(
          "max_rate_hz",
          ValueType.positiveNumber(),
          "Rate of the copies offered to the rule's stream; copies are dropped (and counted) when"
              + " the telemetry path is full.");
  static final Section MIRROR_SECTION =
      Section.of(
          "ros2.topics[].mirror",
          "Sampled copy of a control topic into the durable queue.",
          MIRROR_MAX_RATE_HZ);

  static final Key<TopicMatcher> MATCH =
      Key.required(
          "match",
          ValueType.topicMatcher(),
          "Topics this rule applies to: exact (`/joint_states`), glob (`/camera/*/compressed`;"
              + " `*` within a segment, `**` across segments, `?` one character) or regex"
              + " (`re:^/ft/.*`, must match the whole name).");
  static final Key<RosTypeName> TYPE =
      Key.optional(
          "type",
          ValueType.rosType(),
          "ROS type `pkg/msg/Type`; discovered from the bus when absent.");
  static final Key<TrafficClass> CLASS =
      Key.withDefault(
          "class",
          ValueType.enumOf(TrafficClass.class),
          "telemetry",
          "Path the samples take: `control` is relayed on the fast path, the others are"
              + " sampled, batched and queued.");
  static final Key<Void> QOS =
      Key.section("qos", QOS_SECTION, "by class", "DDS QoS; partial maps merge over the default.");
  static final Key<Void> SAMPLE =
      Key.section(
          "sample",
          SAMPLE_SECTION,
          "`{keep_all: true}`",
          "Sampling policy; not allowed on control rules (use `mirror.max_rate_hz`).");
  static final Key<String> STREAM =
      Key.derived(
          "stream",
          ValueType.matching(STREAM_NAME_PATTERN, "a stream name like telemetry"),
          byClass(ConfigSchema::defaultStream),
          "Stream (batch sequence and Kafka topic) the samples go to; must be a key of"
              + " `uplink.streams`. For control rules it receives the mirror copies.");
  static final Key<Integer> PRIORITY =
      Key.withDefault(
          "priority",
          ValueType.integer(0, 9),
          "5",
          "Queue priority; past `buffer.max_bytes` the lowest priority is evicted first.");
  static final Key<Void> RELAY =
      Key.section("relay", RELAY_SECTION, "—", "Fast-path relay; required for control rules.");
  static final Key<Void> MIRROR =
      Key.section("mirror", MIRROR_SECTION, "—", "Mirror copy; control rules only.");
  static final Key<Long> MAX_SAMPLE_BYTES =
      Key.withDefault(
          "max_sample_bytes",
          ValueType.size(64, 64L << 20),
          "256KiB",
          "Largest sample accepted from DDS; larger samples are dropped. (Extension: not in"
              + " DESIGN §4.)");
  static final Section RULE_SECTION =
      Section.of(
          "ros2.topics[]",
          "One topic rule. The first rule whose `match` matches a topic applies; topics no rule"
              + " matches are ignored.",
          MATCH,
          TYPE,
          CLASS,
          QOS,
          SAMPLE,
          STREAM,
          PRIORITY,
          RELAY,
          MIRROR,
          MAX_SAMPLE_BYTES);

  // ---- ros2 ----

  static final Key<Integer> DOMAIN_ID =
      Key.withDefault(
          "domain_id", ValueType.integer(0, MAX_DOMAIN_ID), "0", "DDS domain of the robot bus.");
  static final Key<String> PEERS =
      Key.scalarList(
          "peers", ValueType.nonEmptyString(), "Unicast discovery peers (host or host:port).");
  static final Key<Path> MESSAGE_PATHS =
      Key.scalarList(
          "message_paths",
          ValueType.path(),
          "Extra message definition directories laid out `<pkg>/msg/<Type>.msg`, e.g. a ROS"
              + " install's `share` directory; they add to and override the bundled definitions.");
  static final Key<Void> TOPICS =
      Key.sectionList("topics", RULE_SECTION, "Topic rules, first match wins.");
  static final Key<FastPathScheduling> FAST_PATH_SCHEDULING =
      Key.withDefault(
          "fast_path_scheduling",
          ValueType.enumOf(FastPathScheduling.class),
          "fifo",
          "Linux scheduling of the control relay's DDS threads: `fifo` (real-time SCHED_FIFO"
              + " priority 10, above all normal threads and below a robot's real-time control"
              + " loops; falls back to `nice` where not permitted), `nice` (nice -10) or `none`."
              + " Needs root or CAP_SYS_NICE. (Extension: not in DESIGN §4.)");
  static final Section ROS2_SECTION =
      Section.of(
          "ros2",
          "The ROS 2 (DDS) bus.",
          DOMAIN_ID,
          PEERS,
          MESSAGE_PATHS,
          TOPICS,
          FAST_PATH_SCHEDULING);

  // ---- buffer ----

  static final Key<Long> BATCH_MAX_BYTES =
      Key.withDefault(
          "max_bytes",
          ValueType.size(1L << 10, 64L << 20),
          "256KiB",
          "A batch is closed when its encoded samples reach this size.");
  static final Key<Integer> LINGER_MS =
      Key.withDefault(
          "linger_ms",
          ValueType.integer(1, 60_000),
          "200",
          "A batch is closed this many milliseconds after its first sample (integer ms). Samples"
              + " still in an open batch are lost on a crash.");
  static final Section BATCH_SECTION =
      Section.of(
          "buffer.batch",
          "How samples are grouped into batches, per stream.",
          BATCH_MAX_BYTES,
          LINGER_MS);
  static final Key<Long> BUFFER_MAX_BYTES =
      Key.withDefault(
          "max_bytes",
          ValueType.size(1L << 20, 64L << 40),
          "2GiB",
          "Queue quota; past it the lowest priority, oldest first, is evicted. At least"
              + " `buffer.batch.max_bytes`.");
  static final Key<Duration> TTL =
      Key.withDefault(
          "ttl",
          ValueType.duration(Duration.ofMinutes(1), Duration.ofDays(3650)),
          "72h",
          "Batches older than this are evicted.");
  static final Key<Durability> DURABILITY =
      Key.withDefault(
          "durability",
          ValueType.enumOf(Durability.class),
          "process",
          "`process`: WAL with synchronous=NORMAL, survives a process crash. `power`:"
              + " synchronous=FULL, survives a power loss.");
  static final Key<Void> BATCH = Key.section("batch", BATCH_SECTION, "see below", "Batching.");
  static final Section BUFFER_SECTION =
      Section.of(
          "buffer",
          "The durable queue (SQLite) between the batcher and the uplink.",
          BUFFER_MAX_BYTES,
          TTL,
          DURABILITY,
          BATCH);

  // ---- uplink ----

  static final Key<String> BOOTSTRAP_SERVERS =
      Key.withDefault(
          "bootstrap_servers",
          ValueType.hostPortList(),
          "127.0.0.1:9092",
          "Kafka brokers, `host:port[,host:port...]`.");
  static final Key<String> PROPERTIES =
      Key.stringMap(
          "properties",
          "Passed through to the Kafka client (`security.protocol`, `ssl.*`, `sasl.*`); values"
              + " are stringified. The gateway's own settings ("
              + String.join(", ", sortedManaged())
              + ") are rejected.");
  static final Section KAFKA_SECTION =
      Section.of("uplink.kafka", "The Kafka client.", BOOTSTRAP_SERVERS, PROPERTIES);
  static final Key<String> STREAM_TOPIC =
      Key.required(
          "topic",
          ValueType.matching(KAFKA_TOPIC_PATTERN, "a Kafka topic name like edge.telemetry.v1"),
          "Kafka topic of the stream.");
  static final Key<StreamCodec> STREAM_CODEC =
      Key.withDefault(
          "codec",
          ValueType.enumOf(StreamCodec.class),
          "plain",
          "`plain`: every sample as received. `columnar`: per batch, the samples of each topic whose"
              + " samples all have one size (Imu, WrenchStamped, JointState, ...) travel as one"
              + " delta-coded, byte-shuffled block, about 1.4x smaller on fixed-layout telemetry;"
              + " readers (`BatchReader`, `tail`) decode both.");
  static final Key<Integer> TRAIN_AFTER =
      Key.withDefault(
          "train_after",
          ValueType.integer(1, 1_000_000),
          "100",
          "Train the dictionary from this many of the stream's first batches (sooner if they"
              + " exceed 100 x `max_bytes`); until then batches are compressed without one.");
  static final Key<Long> DICTIONARY_MAX_BYTES =
      Key.withDefault(
          "max_bytes", ValueType.size(1L << 10, 1L << 20), "64KiB", "Largest trained dictionary.");
  static final Key<Path> DICTIONARY_FILE =
      Key.optional(
          "file",
          ValueType.path(),
          "A dictionary in zstd's format (`zstd --train` output, with a dictionary id) to use"
              + " instead of training.");
  static final Section DICTIONARY_SECTION =
      Section.of(
          "uplink.streams.<name>.dictionary",
          "The stream's zstd dictionary, trained on the robot (or read from `file`), kept in"
              + " `<data_dir>/dictionaries` (a restart reuses it) and published on"
              + " `uplink.dictionary_topic` in the transaction of the first batch that uses it."
              + " Pays off most for small batches (short `linger_ms`).",
          TRAIN_AFTER,
          DICTIONARY_MAX_BYTES,
          DICTIONARY_FILE);
  static final Key<Void> DICTIONARY =
      Key.section(
          "dictionary",
          DICTIONARY_SECTION,
          "—",
          "Compress the stream with a zstd dictionary (`dictionary: {}` trains one with the"
              + " defaults).");
  static final Section STREAM_SECTION =
      Section.of("uplink.streams.<name>", "One stream.", STREAM_TOPIC, STREAM_CODEC, DICTIONARY);
  static final Key<Void> KAFKA = Key.section("kafka", KAFKA_SECTION, "see below", "Kafka client.");
  static final Key<String> STREAMS =
      Key.sectionMap(
          "streams",
          ValueType.matching(STREAM_NAME_PATTERN, "a stream name like telemetry"),
          STREAM_SECTION,
          defaultStreamsDoc(),
          "Streams by name (`[a-z][a-z0-9_-]*`). When given, replaces the default map.");
  static final Key<String> CHECKPOINT_TOPIC =
      Key.withDefault(
          "checkpoint_topic",
          ValueType.matching(
              KAFKA_TOPIC_PATTERN, "a Kafka topic name like edge.gateway.checkpoints"),
          "edge.gateway.checkpoints",
          "Compacted topic of the per-stream checkpoints, written in the same transaction as"
              + " the batches; must differ from every stream topic.");
  static final Key<String> DICTIONARY_TOPIC =
      Key.withDefault(
          "dictionary_topic",
          ValueType.matching(
              KAFKA_TOPIC_PATTERN, "a Kafka topic name like edge.gateway.dictionaries"),
          "edge.gateway.dictionaries",
          "Compacted topic of the zstd dictionaries (key: dictionary id, value: the dictionary);"
              + " must exist when a stream has a `dictionary`; differs from every other topic.");
  static final Section UPLINK_SECTION =
      Section.of(
          "uplink",
          "The uplink to Kafka (transactional).",
          KAFKA,
          STREAMS,
          CHECKPOINT_TOPIC,
          DICTIONARY_TOPIC);

  // ---- http ----

  static final Key<HostPort> BIND =
      Key.withDefault(
          "bind",
          ValueType.hostPort(),
          "127.0.0.1:9464",
          "Address of the HTTP server (metrics, health, status); port 0 picks a free port.");
  static final Section HTTP_SECTION =
      Section.of(
          "http", "The HTTP server (`/metrics`, `/healthz`, `/readyz`, `/v1/status`).", BIND);

  // ---- metrics[] ----

  static final Key<String> METRIC_TOPIC =
      Key.required(
          "topic",
          ValueType.topicName(),
          "Topic whose latest sample is read; a topic rule must match it (a control rule only"
              + " with a `mirror`: the gauge reads the mirror copies).");
  static final Key<String> METRIC_FIELD =
      Key.required(
          "field",
          ValueType.matching(
              FIELD_PATH_PATTERN, "a field path like temperature[3] or voltage", "field path"),
          "Numeric or boolean field of the topic's type, e.g. `effort[3]` or `voltage`; booleans"
              + " export as 1 and 0.");
  static final Key<String> METRIC_NAME =
      Key.required(
          "name",
          ValueType.matching(METRIC_NAME_PATTERN, "a metric name like battery_voltage"),
          "Gauge name, unique; exported as `gateway_field_<name>{topic=\"...\",field=\"...\"}`.");
  static final Section METRIC_SECTION =
      Section.of(
          "metrics[]",
          "One message field exported as a Prometheus gauge: its value in the latest sample"
              + " received on the topic, read when `/metrics` is scraped.",
          METRIC_TOPIC,
          METRIC_FIELD,
          METRIC_NAME);

  // ---- root ----

  static final Key<Void> GATEWAY =
      Key.section("gateway", GATEWAY_SECTION, "required", "Identity and local state.");
  static final Key<Void> ROS2 = Key.section("ros2", ROS2_SECTION, "see below", "The ROS 2 bus.");
  static final Key<Void> BUFFER =
      Key.section("buffer", BUFFER_SECTION, "see below", "The durable queue.");
  static final Key<Void> UPLINK =
      Key.section("uplink", UPLINK_SECTION, "see below", "The Kafka uplink.");
  static final Key<Void> HTTP = Key.section("http", HTTP_SECTION, "see below", "The HTTP server.");
  static final Key<Void> METRICS =
      Key.sectionList(
          "metrics",
          METRIC_SECTION,
          "Message fields exported as Prometheus gauges. (Extension: not in DESIGN §4.)");
  static final Section ROOT =
      Section.of("", "The top level of the file.", GATEWAY, ROS2, BUFFER, UPLINK, HTTP, METRICS);

  // ---- doc helpers ----

  /** "control: `reliable`; telemetry, perception, diagnostics: `best_effort`". */
  private static String byClass(Function<TrafficClass, String> valueOf) {
    Map<String, List<String>> classesByValue = new LinkedHashMap<>();
    for (TrafficClass c : TrafficClass.values()) {
      classesByValue.computeIfAbsent(valueOf.apply(c), v -> new ArrayList<>()).add(c.configName());
    }
    if (classesByValue.size() == 1) {
      return "`" + classesByValue.keySet().iterator().next() + "`";
    }
    List<String> parts = new ArrayList<>();
    classesByValue.forEach((v, classes) -> parts.add(String.join(", ", classes) + ": `" + v + "`"));
    return "by class: " + String.join("; ", parts);
  }

  private static String defaultStreamsDoc() {
    List<String> parts = new ArrayList<>();
    defaultStreams().forEach((name, s) -> parts.add("`" + name + "`: `" + s.topic() + "`"));
    return String.join(", ", parts);
  }

  private static List<String> sortedManaged() {
    List<String> names = new ArrayList<>(MANAGED_KAFKA_PROPERTIES);
    names.sort(null);
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add("`" + n + "`");
    }
    return quoted;
  }
}
