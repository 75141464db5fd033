package io.edgegateway.core.config;

import static io.edgegateway.core.config.ConfigSchema.BATCH;
import static io.edgegateway.core.config.ConfigSchema.BATCH_MAX_BYTES;
import static io.edgegateway.core.config.ConfigSchema.BIND;
import static io.edgegateway.core.config.ConfigSchema.BOOTSTRAP_SERVERS;
import static io.edgegateway.core.config.ConfigSchema.BUFFER;
import static io.edgegateway.core.config.ConfigSchema.BUFFER_MAX_BYTES;
import static io.edgegateway.core.config.ConfigSchema.CHECKPOINT_TOPIC;
import static io.edgegateway.core.config.ConfigSchema.CLASS;
import static io.edgegateway.core.config.ConfigSchema.DATA_DIR;
import static io.edgegateway.core.config.ConfigSchema.DEADBAND;
import static io.edgegateway.core.config.ConfigSchema.DEPTH;
import static io.edgegateway.core.config.ConfigSchema.DOMAIN_ID;
import static io.edgegateway.core.config.ConfigSchema.DURABILITY;
import static io.edgegateway.core.config.ConfigSchema.EVERY_NTH;
import static io.edgegateway.core.config.ConfigSchema.FAST_PATH_SCHEDULING;
import static io.edgegateway.core.config.ConfigSchema.FIRMWARE_VERSION;
import static io.edgegateway.core.config.ConfigSchema.GATEWAY;
import static io.edgegateway.core.config.ConfigSchema.HISTORY;
import static io.edgegateway.core.config.ConfigSchema.HTTP;
import static io.edgegateway.core.config.ConfigSchema.KAFKA;
import static io.edgegateway.core.config.ConfigSchema.KEEP_ALL;
import static io.edgegateway.core.config.ConfigSchema.LABELS;
import static io.edgegateway.core.config.ConfigSchema.LINEAGE;
import static io.edgegateway.core.config.ConfigSchema.LINGER_MS;
import static io.edgegateway.core.config.ConfigSchema.MATCH;
import static io.edgegateway.core.config.ConfigSchema.MAX_SAMPLE_BYTES;
import static io.edgegateway.core.config.ConfigSchema.MESSAGE_PATHS;
import static io.edgegateway.core.config.ConfigSchema.METRICS;
import static io.edgegateway.core.config.ConfigSchema.METRIC_FIELD;
import static io.edgegateway.core.config.ConfigSchema.METRIC_NAME;
import static io.edgegateway.core.config.ConfigSchema.METRIC_TOPIC;
import static io.edgegateway.core.config.ConfigSchema.MIRROR;
import static io.edgegateway.core.config.ConfigSchema.MIRROR_MAX_RATE_HZ;
import static io.edgegateway.core.config.ConfigSchema.MODEL_VERSION;
import static io.edgegateway.core.config.ConfigSchema.ON_CHANGE;
import static io.edgegateway.core.config.ConfigSchema.ON_CHANGE_FIELD;
import static io.edgegateway.core.config.ConfigSchema.PEERS;
import static io.edgegateway.core.config.ConfigSchema.PRIORITY;
import static io.edgegateway.core.config.ConfigSchema.PROPERTIES;
import static io.edgegateway.core.config.ConfigSchema.QOS;
import static io.edgegateway.core.config.ConfigSchema.QOS_DURABILITY;
import static io.edgegateway.core.config.ConfigSchema.RELAY;
import static io.edgegateway.core.config.ConfigSchema.RELIABILITY;
import static io.edgegateway.core.config.ConfigSchema.ROBOT_ID;
import static io.edgegateway.core.config.ConfigSchema.ROS2;
import static io.edgegateway.core.config.ConfigSchema.RULE_SECTION;
import static io.edgegateway.core.config.ConfigSchema.RUN_ID;
import static io.edgegateway.core.config.ConfigSchema.SAMPLE;
import static io.edgegateway.core.config.ConfigSchema.SAMPLE_MAX_RATE_HZ;
import static io.edgegateway.core.config.ConfigSchema.STREAM;
import static io.edgegateway.core.config.ConfigSchema.STREAMS;
import static io.edgegateway.core.config.ConfigSchema.STREAM_TOPIC;
import static io.edgegateway.core.config.ConfigSchema.TOPICS;
import static io.edgegateway.core.config.ConfigSchema.TO_DOMAIN;
import static io.edgegateway.core.config.ConfigSchema.TO_TOPIC;
import static io.edgegateway.core.config.ConfigSchema.TTL;
import static io.edgegateway.core.config.ConfigSchema.TYPE;
import static io.edgegateway.core.config.ConfigSchema.UPLINK;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.routing.TopicMatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one config text against {@link ConfigSchema} and collects every error with its position.
 *
 * <p>Implementation notes: the YAML is composed into a node tree (snakeyaml-engine), never
 * constructed into Java objects, so every key and value keeps its start mark. Nesting depth is
 * checked first on the event stream because the composer recurses. Each {@code read*} method reads
 * one section: values that fail to parse are reported and come back {@code null}, and a record is
 * only built when its section produced no new error, so one mistake is reported once. An empty
 * value ({@code key:} or {@code ~}) means the key's default. A parser is used once.
 */
final class ConfigParser {
  /** Deepest nesting accepted; the contract needs 6. */
  static final int MAX_DEPTH = 32;

  private static final Pos DOCUMENT_START = new Pos(1, 1);
  private static final int MAX_SHOWN_VALUE = 60;

  private final String file;
  private final Function<String, String> env;
  private final List<ConfigError> errors = new ArrayList<>();
  private final List<FieldRef> fieldRefs = new ArrayList<>();

  ConfigParser(String file, Function<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /** Parses {@code text}; the result holds the config or every error found. */
  ConfigResult parse(String text) {
    Optional<Node> root = compose(text);
    if (!errors.isEmpty()) {
      return result(null);
    }
    if (root.isEmpty() || isNull(root.get())) {
      error(
          DOCUMENT_START, "", "file is empty (expected a mapping with at least gateway.robot_id)");
      return result(null);
    }
    if (!(root.get() instanceof MappingNode)) {
      error(
          pos(root.get()),
          "",
          "expected a mapping of sections (gateway, ros2, ...) at the top level, got "
              + describe(root.get()));
      return result(null);
    }
    return result(readConfig(root.get()));
  }

  private ConfigResult result(GatewayConfig config) {
    if (errors.isEmpty() && config != null) {
      return ConfigResult.valid(config, fieldRefs);
    }
    if (errors.isEmpty()) {
      error(DOCUMENT_START, "", "invalid config");
    }
    List<ConfigError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    return ConfigResult.invalid(sorted);
  }

  // ---- YAML ----

  private Optional<Node> compose(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true)
            .setAllowNonScalarKeys(true)
            .setUseMarks(true)
            .build();
    try {
      int depth = 0;
      for (Event event : new Parse(settings).parseString(text)) {
        if (event instanceof CollectionStartEvent) {
          if (++depth > MAX_DEPTH) {
            error(
                event.getStartMark().map(ConfigParser::pos).orElse(DOCUMENT_START),
                "",
                "nested deeper than " + MAX_DEPTH + " levels");
            return Optional.empty();
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        }
      }
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Pos at =
          e.getProblemMark().or(e::getContextMark).map(ConfigParser::pos).orElse(DOCUMENT_START);
      String problem = oneLine(e.getProblem());
      String context = oneLine(e.getContext());
      String message = problem.isEmpty() ? context : problem;
      if (!problem.isEmpty() && !context.isEmpty()) {
        message = problem + " (" + context + ")";
      }
      error(at, "", "YAML syntax error: " + message);
      return Optional.empty();
    } catch (ReaderException e) {
      error(
          positionOf(text, e.getPosition()),
          "",
          "YAML syntax error: "
              + oneLine(e.getMessage())
              + String.format(" (U+%04X)", e.getCodePoint()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      error(DOCUMENT_START, "", "YAML error: " + oneLine(e.getMessage()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      // snakeyaml-engine rejects some malformed tags (e.g. "!::::%0") with a bare
      // IllegalArgumentException instead of a marked YAML exception.
      error(DOCUMENT_START, "", "YAML error: " + oneLine(e.getMessage()));
      return Optional.empty();
    }
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }

  private static Pos positionOf(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
      int cp = text.codePointAt(i);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += Character.charCount(cp);
    }
    return new Pos(line, column);
  }

  // ---- sections ----

  private GatewayConfig readConfig(Node rootNode) {
    Mapping root = new Mapping(rootNode, ConfigSchema.ROOT, "", DOCUMENT_START);
    Uplink uplink = readUplink(root.section(UPLINK));
    GatewaySettings gateway = readGateway(root.section(GATEWAY));
    Ros2Settings ros2 = readRos2(root.section(ROS2), uplink.streamNames);
    BufferSettings buffer = readBuffer(root.section(BUFFER));
    HttpSettings http = readHttp(root.section(HTTP));
    List<FieldMetricSettings> metrics = readMetrics(root, ros2);
    if (!errors.isEmpty()) {
      return null;
    }
    return build(
        DOCUMENT_START,
        "",
        () -> new GatewayConfig(gateway, ros2, buffer, uplink.settings, http, metrics));
  }

  private List<FieldMetricSettings> readMetrics(Mapping root, Ros2Settings ros2) {
    List<FieldMetricSettings> metrics = new ArrayList<>();
    Map<String, Pos> names = new LinkedHashMap<>();
    for (Element element : root.elements(METRICS)) {
      int before = errors.size();
      Mapping m =
          new Mapping(element.node, ConfigSchema.METRIC_SECTION, element.path, pos(element.node));
      if (!m.usable) {
        continue;
      }
      String topic = m.get(METRIC_TOPIC);
      String field = m.get(METRIC_FIELD);
      String name = m.get(METRIC_NAME);
      if (name != null) {
        Pos first = names.putIfAbsent(name, m.valuePos(METRIC_NAME));
        if (first != null) {
          error(
              m.valuePos(METRIC_NAME),
              m.path(METRIC_NAME),
              "duplicate metric name '"
                  + name
                  + "' (first used at line "
                  + first.line
                  + ", column "
                  + first.column
                  + ")");
        }
      }
      if (errors.size() > before || ros2 == null) {
        continue;
      }
      FieldMetricSettings metric = new FieldMetricSettings(topic, field, name);
      Optional<String> problem = GatewayConfig.metricTopicProblem(ros2, metric);
      if (problem.isPresent()) {
        error(m.valuePos(METRIC_TOPIC), m.path(METRIC_TOPIC), problem.get());
        continue;
      }
      Optional<RosTypeName> type = ros2.topicRules().ruleFor(topic).flatMap(TopicRule::type);
      Pos at = m.valuePos(METRIC_FIELD);
      fieldRefs.add(
          new FieldRef(file, at.line, at.column, m.path(METRIC_FIELD), type, field, true));
      metrics.add(metric);
    }
    return metrics;
  }

  private GatewaySettings readGateway(Mapping m) {
    int before = m.errorsBefore;
    String robotId = m.get(ROBOT_ID);
    Path dataDir = m.get(DATA_DIR);
    LineageSettings lineage = readLineage(m.section(LINEAGE));
    return errors.size() > before
        ? null
        : build(m.anchor, m.path, () -> new GatewaySettings(robotId, dataDir, lineage));
  }

  private LineageSettings readLineage(Mapping m) {
    int before = m.errorsBefore;
    String firmware = m.get(FIRMWARE_VERSION);
    String model = m.get(MODEL_VERSION);
    String runId = m.get(RUN_ID);
    Map<String, String> labels = values(m.stringMap(LABELS));
    return errors.size() > before
        ? null
        : build(m.anchor, m.path, () -> new LineageSettings(firmware, model, runId, labels));
  }

  private Ros2Settings readRos2(Mapping m, Set<String> streamNames) {
    int before = m.errorsBefore;
    Integer domainId = m.get(DOMAIN_ID);
    List<String> peers = new ArrayList<>();
    for (Element peer : m.elements(PEERS)) {
      peers.add(scalar(peer.node, peer.path, PEERS.type()));
    }
    List<Path> messagePaths = new ArrayList<>();
    for (Element path : m.elements(MESSAGE_PATHS)) {
      messagePaths.add(scalar(path.node, path.path, MESSAGE_PATHS.type()));
    }
    List<TopicRule> rules = new ArrayList<>();
    for (Element rule : m.elements(TOPICS)) {
      rules.add(readRule(rule, domainId, streamNames));
    }
    FastPathScheduling scheduling = m.get(FAST_PATH_SCHEDULING);
    return errors.size() > before
        ? null
        : build(
            m.anchor,
            m.path,
            () -> new Ros2Settings(domainId, peers, messagePaths, rules, scheduling));
  }

  private TopicRule readRule(Element element, Integer domainId, Set<String> streamNames) {
    int before = errors.size();
    Mapping r = new Mapping(element.node, RULE_SECTION, element.path, pos(element.node));
    if (!r.usable) {
      return null;
    }
    TopicMatcher match = r.get(MATCH);
    RosTypeName type = r.get(TYPE);
    TrafficClass declared = r.get(CLASS);
    TrafficClass trafficClass = declared == null ? TrafficClass.TELEMETRY : declared;
    Qos qos = readQos(r.section(QOS), trafficClass);
    SamplePolicy sample = readSample(r.section(SAMPLE), type);
    String stream = r.has(STREAM) ? r.get(STREAM) : ConfigSchema.defaultStream(trafficClass);
    Integer priority = r.get(PRIORITY);
    RelaySettings relay = r.has(RELAY) ? readRelay(r.section(RELAY), match, domainId) : null;
    MirrorSettings mirror = r.has(MIRROR) ? readMirror(r.section(MIRROR)) : null;
    Long maxSampleBytes = r.get(MAX_SAMPLE_BYTES);

    if (declared != null) {
      checkClassRules(r, declared);
    }
    if (stream != null && streamNames != null && !streamNames.contains(stream)) {
      String which =
          r.has(STREAM)
              ? "stream '" + stream + "'"
              : "stream '" + stream + "' (default of class " + trafficClass.configName() + ")";
      error(
          r.has(STREAM) ? r.valuePos(STREAM) : r.anchor,
          r.path(STREAM),
          which
              + " is not defined in uplink.streams (defined: "
              + (streamNames.isEmpty() ? "none" : String.join(", ", streamNames))
              + ")");
    }
    if (errors.size() > before) {
      return null;
    }
    return build(
        r.anchor,
        r.path,
        () ->
            new TopicRule(
                match,
                Optional.ofNullable(type),
                trafficClass,
                qos,
                sample,
                stream,
                priority,
                Optional.ofNullable(relay),
                Optional.ofNullable(mirror),
                Math.toIntExact(maxSampleBytes)));
  }

  private void checkClassRules(Mapping r, TrafficClass trafficClass) {
    boolean control = trafficClass == TrafficClass.CONTROL;
    if (control && !r.has(RELAY)) {
      error(
          r.anchor,
          r.path(RELAY),
          "required for class control (set relay: {to_domain: N} or relay: {to_topic: /name})");
    }
    String notControl =
        "only allowed for class control (this rule is class " + trafficClass.configName() + ")";
    if (!control && r.has(RELAY)) {
      error(r.keyPos(RELAY), r.path(RELAY), notControl);
    }
    if (!control && r.has(MIRROR)) {
      error(r.keyPos(MIRROR), r.path(MIRROR), notControl);
    }
    if (control && r.has(SAMPLE)) {
      error(
          r.keyPos(SAMPLE),
          r.path(SAMPLE),
          "not allowed for class control (control samples are relayed; use mirror.max_rate_hz"
              + " to sample the copy that is queued)");
    }
  }

  private Qos readQos(Mapping m, TrafficClass trafficClass) {
    int before = m.errorsBefore;
    Qos defaults = ConfigSchema.defaultQos(trafficClass);
    Qos.Reliability reliability = orElse(m.get(RELIABILITY), defaults.reliability());
    Qos.Durability durability = orElse(m.get(QOS_DURABILITY), defaults.durability());
    Qos.History history = orElse(m.get(HISTORY), defaults.history());
    Integer depth = orElse(m.get(DEPTH), defaults.depth());
    return errors.size() > before
        ? null
        : build(m.anchor, m.path, () -> new Qos(reliability, durability, history, depth));
  }

  private SamplePolicy readSample(Mapping m, RosTypeName type) {
    if (!m.present) {
      return SamplePolicy.keepAll();
    }
    if (!m.usable) {
      return null;
    }
    List<Key<?>> chosen = new ArrayList<>();
    for (Key<?> key : List.of(KEEP_ALL, SAMPLE_MAX_RATE_HZ, EVERY_NTH, ON_CHANGE)) {
      if (m.has(key)) {
        chosen.add(key);
      }
    }
    if (chosen.size() != 1) {
      if (chosen.size() > 1 || m.unknownKeys == 0) {
        error(
            m.anchor,
            m.path,
            "expected exactly one of: keep_all, max_rate_hz, every_nth, on_change"
                + (chosen.size() > 1 ? ", got " + names(chosen) : ""));
      }
      return null;
    }
    Key<?> policy = chosen.get(0);
    if (policy == KEEP_ALL) {
      return m.get(KEEP_ALL) == null ? null : SamplePolicy.keepAll();
    }
    if (policy == SAMPLE_MAX_RATE_HZ) {
      Double hz = m.get(SAMPLE_MAX_RATE_HZ);
      return hz == null ? null : build(m.anchor, m.path, () -> new SamplePolicy.MaxRate(hz));
    }
    if (policy == EVERY_NTH) {
      Integer n = m.get(EVERY_NTH);
      return n == null ? null : build(m.anchor, m.path, () -> new SamplePolicy.EveryNth(n));
    }
    int before = errors.size();
    Mapping onChange = m.section(ON_CHANGE);
    String field = onChange.get(ON_CHANGE_FIELD);
    Double deadband = onChange.get(DEADBAND);
    if (errors.size() > before) {
      return null;
    }
    Pos at = onChange.valuePos(ON_CHANGE_FIELD);
    fieldRefs.add(
        new FieldRef(
            file,
            at.line,
            at.column,
            onChange.path(ON_CHANGE_FIELD),
            Optional.ofNullable(type),
            field,
            false));
    return build(onChange.anchor, onChange.path, () -> new SamplePolicy.OnChange(field, deadband));
  }

  private RelaySettings readRelay(Mapping m, TopicMatcher match, Integer domainId) {
    int before = m.errorsBefore;
    Integer toDomain = m.get(TO_DOMAIN);
    String toTopic = m.get(TO_TOPIC);
    if (m.usable && m.has(TO_DOMAIN) == m.has(TO_TOPIC) && m.unknownKeys == 0) {
      error(m.anchor, m.path, "expected exactly one of: to_domain, to_topic");
    }
    if (toDomain != null && toDomain.equals(domainId)) {
      error(
          m.valuePos(TO_DOMAIN),
          m.path(TO_DOMAIN),
          "must differ from ros2.domain_id ("
              + domainId
              + "); relaying into the source domain would echo every sample");
    }
    if (toTopic != null && match != null) {
      if (!match.isExact()) {
        error(
            m.valuePos(TO_TOPIC),
            m.path(TO_TOPIC),
            "needs a rule with an exact match, but match '" + match + "' matches many topics");
      } else if (match.toString().equals(toTopic)) {
        error(
            m.valuePos(TO_TOPIC),
            m.path(TO_TOPIC),
            "must differ from the matched topic; relaying onto the source topic would echo"
                + " every sample");
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return build(
        m.anchor,
        m.path,
        () ->
            new RelaySettings(
                toDomain == null ? OptionalInt.empty() : OptionalInt.of(toDomain),
                Optional.ofNullable(toTopic)));
  }

  private MirrorSettings readMirror(Mapping m) {
    int before = m.errorsBefore;
    Double hz = m.get(MIRROR_MAX_RATE_HZ);
    return errors.size() > before ? null : build(m.anchor, m.path, () -> new MirrorSettings(hz));
  }

  private BufferSettings readBuffer(Mapping m) {
    int before = m.errorsBefore;
    Long maxBytes = m.get(BUFFER_MAX_BYTES);
    Duration ttl = m.get(TTL);
    Durability durability = m.get(DURABILITY);
    Mapping b = m.section(BATCH);
    Long batchMaxBytes = b.get(BATCH_MAX_BYTES);
    Integer lingerMs = b.get(LINGER_MS);
    if (maxBytes != null && batchMaxBytes != null && maxBytes < batchMaxBytes) {
      error(
          m.has(BUFFER_MAX_BYTES) ? m.valuePos(BUFFER_MAX_BYTES) : m.anchor,
          m.path(BUFFER_MAX_BYTES),
          Sizes.format(maxBytes)
              + " is less than buffer.batch.max_bytes ("
              + Sizes.format(batchMaxBytes)
              + ")");
    }
    if (errors.size() > before) {
      return null;
    }
    BatchSettings batch =
        build(
            b.anchor, b.path, () -> new BatchSettings(batchMaxBytes, Duration.ofMillis(lingerMs)));
    return batch == null
        ? null
        : build(m.anchor, m.path, () -> new BufferSettings(maxBytes, ttl, durability, batch));
  }

  /** The uplink settings (null on error) and the stream names rules may use (null if unknown). */
  private static final class Uplink {
    private final UplinkSettings settings;
    private final Set<String> streamNames;

    Uplink(UplinkSettings settings, Set<String> streamNames) {
      this.settings = settings;
      this.streamNames = streamNames;
    }
  }

  private Uplink readUplink(Mapping m) {
    int before = m.errorsBefore;
    Mapping kafka = m.section(KAFKA);
    String bootstrap = kafka.get(BOOTSTRAP_SERVERS);
    List<Entry<String>> propertyEntries = kafka.stringMap(PROPERTIES);
    for (Entry<String> property : propertyEntries) {
      if (ConfigSchema.MANAGED_KAFKA_PROPERTIES.contains(property.name)) {
        error(
            property.keyPos,
            property.path,
            "set by the gateway and cannot be overridden"
                + (property.name.equals("bootstrap.servers")
                    ? " (use uplink.kafka.bootstrap_servers)"
                    : ""));
      }
    }
    Map<String, String> properties = values(propertyEntries);

    Map<String, StreamSettings> streams;
    Set<String> streamNames;
    Map<String, Pos> topicPositions = new LinkedHashMap<>();
    if (!m.has(STREAMS)) {
      streams = ConfigSchema.defaultStreams();
      streamNames = streams.keySet();
    } else {
      streams = new LinkedHashMap<>();
      List<Entry<Node>> entries = m.entries(STREAMS);
      streamNames = entries == null ? null : new LinkedHashSet<>();
      for (Entry<Node> entry : entries == null ? List.<Entry<Node>>of() : entries) {
        String name = scalarText(entry.name, entry.keyPos, entry.path, STREAMS.type());
        streamNames.add(entry.name);
        Mapping stream =
            new Mapping(entry.value, ConfigSchema.STREAM_SECTION, entry.path, entry.keyPos);
        String topic = stream.get(STREAM_TOPIC);
        StreamCodec codec = stream.get(ConfigSchema.STREAM_CODEC);
        DictionarySettings dictionary =
            stream.has(ConfigSchema.DICTIONARY)
                ? readDictionary(stream.section(ConfigSchema.DICTIONARY))
                : null;
        if (name != null && topic != null && codec != null) {
          streams.put(name, new StreamSettings(topic, codec, Optional.ofNullable(dictionary)));
          topicPositions.putIfAbsent(topic, stream.valuePos(STREAM_TOPIC));
        }
      }
    }
    String checkpointTopic = m.get(CHECKPOINT_TOPIC);
    if (checkpointTopic != null) {
      streams.forEach(
          (name, stream) -> {
            if (stream.topic().equals(checkpointTopic)) {
              error(
                  m.has(CHECKPOINT_TOPIC)
                      ? m.valuePos(CHECKPOINT_TOPIC)
                      : topicPositions.getOrDefault(checkpointTopic, m.anchor),
                  m.path(CHECKPOINT_TOPIC),
                  "'" + checkpointTopic + "' is also the topic of stream '" + name + "'");
            }
          });
    }
    String dictionaryTopic = m.get(ConfigSchema.DICTIONARY_TOPIC);
    if (dictionaryTopic != null) {
      if (dictionaryTopic.equals(checkpointTopic)) {
        error(
            m.valuePos(ConfigSchema.DICTIONARY_TOPIC),
            m.path(ConfigSchema.DICTIONARY_TOPIC),
            "'" + dictionaryTopic + "' is also the checkpoint_topic");
      }
      streams.forEach(
          (name, stream) -> {
            if (stream.topic().equals(dictionaryTopic)) {
              error(
                  m.has(ConfigSchema.DICTIONARY_TOPIC)
                      ? m.valuePos(ConfigSchema.DICTIONARY_TOPIC)
                      : topicPositions.getOrDefault(dictionaryTopic, m.anchor),
                  m.path(ConfigSchema.DICTIONARY_TOPIC),
                  "'" + dictionaryTopic + "' is also the topic of stream '" + name + "'");
            }
          });
    }
    if (errors.size() > before) {
      return new Uplink(null, streamNames);
    }
    KafkaSettings kafkaSettings =
        build(kafka.anchor, kafka.path, () -> new KafkaSettings(bootstrap, properties));
    UplinkSettings settings =
        kafkaSettings == null
            ? null
            : build(
                m.anchor,
                m.path,
                () -> new UplinkSettings(kafkaSettings, streams, checkpointTopic, dictionaryTopic));
    return new Uplink(settings, streamNames);
  }

  private DictionarySettings readDictionary(Mapping m) {
    int before = m.errorsBefore;
    Integer trainAfter = m.get(ConfigSchema.TRAIN_AFTER);
    Long maxBytes = m.get(ConfigSchema.DICTIONARY_MAX_BYTES);
    Path file = m.get(ConfigSchema.DICTIONARY_FILE);
    return errors.size() > before
        ? null
        : build(
            m.anchor,
            m.path,
            () -> new DictionarySettings(trainAfter, maxBytes, Optional.ofNullable(file)));
  }

  private HttpSettings readHttp(Mapping m) {
    HostPort bind = m.get(BIND);
    return errors.size() > m.errorsBefore
        ? null
        : build(m.anchor, m.path, () -> new HttpSettings(bind.host(), bind.port()));
  }

  // ---- values ----

  /**
   * Builds a record from values that all parsed; a constructor that still refuses them (a rule the
   * parser does not check) becomes an error at {@code at}, never an exception.
   */
  private <T> T build(Pos at, String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
      error(at, path, "invalid: " + e.getMessage());
      return null;
    }
  }

  /** Parses a scalar value node; null (with an error) when it is not a valid {@code type}. */
  private <T> T scalar(Node node, String path, ValueType<T> type) {
    if (!(node instanceof ScalarNode)) {
      error(pos(node), path, "expected " + expectation(type) + ", got " + describe(node));
      return null;
    }
    String text;
    try {
      text = Substitution.apply(((ScalarNode) node).getValue(), env);
    } catch (IllegalArgumentException e) {
      error(pos(node), path, e.getMessage());
      return null;
    }
    return scalarText(text, pos(node), path, type);
  }

  private <T> T scalarText(String text, Pos at, String path, ValueType<T> type) {
    try {
      return type.parse(text);
    } catch (IllegalArgumentException e) {
      error(at, path, e.getMessage());
      return null;
    }
  }

  private static String expectation(ValueType<?> type) {
    if (type.label().equals("enum")) {
      return "one of: " + type.range().replace(" | ", ", ");
    }
    String label = type.label();
    return ("aeiou".indexOf(Character.toLowerCase(label.charAt(0))) >= 0 ? "an " : "a ") + label;
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode) {
      String value = ((ScalarNode) node).getValue();
      if (value.length() > MAX_SHOWN_VALUE) {
        value = value.substring(0, MAX_SHOWN_VALUE) + "...";
      }
      return "'" + value + "'";
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static Map<String, String> values(List<Entry<String>> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Entry<String> entry : entries) {
      if (entry.value != null) {
        map.put(entry.name, entry.value);
      }
    }
    return map;
  }

  private static String names(List<Key<?>> keys) {
    List<String> names = new ArrayList<>();
    for (Key<?> key : keys) {
      names.add(key.name());
    }
    return String.join(", ", names);
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static Pos pos(Node node) {
    return node.getStartMark().map(ConfigParser::pos).orElse(DOCUMENT_START);
  }

  private static Pos pos(Mark mark) {
    return new Pos(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private void error(Pos at, String path, String message) {
    errors.add(new ConfigError(file, at.line, at.column, path, message));
  }

  // ---- node views ----

  /** A 1-based position in the file. */
  private static final class Pos {
    private final int line;
    private final int column;

    Pos(int line, int column) {
      this.line = line;
      this.column = column;
    }
  }

  /** An element of a YAML list, with its path, e.g. {@code ros2.topics[2]}. */
  private static final class Element {
    private final Node node;
    private final String path;

    Element(Node node, String path) {
      this.node = node;
      this.path = path;
    }
  }

  /** A key of a free-form map (labels, properties, streams) with its value. */
  private static final class Entry<V> {
    private final String name;
    private final Pos keyPos;
    private final String path;
    private final V value;

    Entry(String name, Pos keyPos, String path, V value) {
      this.name = name;
      this.keyPos = keyPos;
      this.path = path;
      this.value = value;
    }
  }

  /**
   * The keys of a YAML mapping to read against a {@link Section}. Non-scalar, duplicate and unknown
   * keys are reported when it is created. {@code anchor} is where errors about the mapping as a
   * whole go: the key that holds it, the list element, or the document start when it is absent.
   */
  private final class Mapping {
    private final String path;
    private final Pos anchor;
    private final Section section;

    /** The mapping is in the file with a non-empty value. */
    private final boolean present;

    /** The value is a mapping or absent, so its keys can be read. */
    private final boolean usable;

    /** Errors reported before this mapping was read; more means it or its keys had errors. */
    private final int errorsBefore;

    private final Map<String, NodeTuple> tuples = new LinkedHashMap<>();
    private int unknownKeys;

    Mapping(Node node, Section section, String path, Pos anchor) {
      this.errorsBefore = errors.size();
      this.path = path;
      this.anchor = anchor;
      this.section = section;
      this.present = !isNull(node);
      if (isNull(node)) {
        usable = true;
        return;
      }
      if (!(node instanceof MappingNode)) {
        error(pos(node), path, "expected a mapping, got " + describe(node));
        usable = false;
        return;
      }
      usable = true;
      for (Entry<NodeTuple> entry : entriesOf((MappingNode) node, path)) {
        if (section.has(entry.name)) {
          tuples.put(entry.name, entry.value);
        } else {
          unknownKeys++;
          error(entry.keyPos, entry.path, unknownKey(entry.name));
        }
      }
    }

    private String unknownKey(String name) {
      return Suggestions.closest(name, section.names())
          .map(s -> "unknown key; did you mean '" + s + "'?")
          .orElse("unknown key (expected one of: " + String.join(", ", section.names()) + ")");
    }

    String path(Key<?> key) {
      return join(path, key.name());
    }

    /** Whether {@code key} is given with a non-empty value. */
    boolean has(Key<?> key) {
      NodeTuple tuple = tuples.get(key.name());
      return tuple != null && !isNull(tuple.getValueNode());
    }

    private Node value(Key<?> key) {
      NodeTuple tuple = tuples.get(key.name());
      return tuple == null ? null : tuple.getValueNode();
    }

    Pos keyPos(Key<?> key) {
      NodeTuple tuple = tuples.get(key.name());
      return tuple == null ? anchor : pos(tuple.getKeyNode());
    }

    Pos valuePos(Key<?> key) {
      Node value = value(key);
      return value == null ? anchor : pos(value);
    }

    /**
     * The value of a scalar key: parsed, or its default when absent or empty, or null when it is
     * invalid or absent without default (both reported if the key is required).
     */
    <T> T get(Key<T> key) {
      Node node = value(key);
      if (isNull(node)) {
        if (key.isRequired() && usable) {
          error(
              node == null ? anchor : pos(node),
              path(key),
              node == null ? "required key is missing" : "required key has an empty value");
        }
        return key.defaultValue().orElse(null);
      }
      return scalar(node, path(key), key.type());
    }

    /** The nested mapping of a section key; empty (all defaults) when absent. */
    Mapping section(Key<?> key) {
      Node node = value(key);
      Section nested = key.section().orElseThrow();
      return new Mapping(node, nested, path(key), node == null ? anchor : keyPos(key));
    }

    /** The elements of a list key; empty when absent. */
    List<Element> elements(Key<?> key) {
      Node node = value(key);
      if (isNull(node)) {
        return List.of();
      }
      if (!(node instanceof SequenceNode)) {
        error(pos(node), path(key), "expected a list, got " + describe(node));
        return List.of();
      }
      List<Element> elements = new ArrayList<>();
      List<Node> items = ((SequenceNode) node).getValue();
      for (int i = 0; i < items.size(); i++) {
        elements.add(new Element(items.get(i), path(key) + "[" + i + "]"));
      }
      return elements;
    }

    /** The entries of a map key; empty when absent, null when it is not a mapping. */
    List<Entry<Node>> entries(Key<?> key) {
      Node node = value(key);
      if (isNull(node)) {
        return List.of();
      }
      if (!(node instanceof MappingNode)) {
        error(pos(node), path(key), "expected a mapping, got " + describe(node));
        return null;
      }
      List<Entry<Node>> entries = new ArrayList<>();
      for (Entry<NodeTuple> e : entriesOf((MappingNode) node, path(key))) {
        entries.add(new Entry<>(e.name, e.keyPos, e.path, e.value.getValueNode()));
      }
      return entries;
    }

    /** A map of strings; scalar values are substituted and kept as text. */
    List<Entry<String>> stringMap(Key<?> key) {
      List<Entry<Node>> entries = entries(key);
      List<Entry<String>> strings = new ArrayList<>();
      for (Entry<Node> e : entries == null ? List.<Entry<Node>>of() : entries) {
        if (e.name.isEmpty()) {
          error(e.keyPos, e.path, "expected a non-empty key");
          continue;
        }
        String value;
        if (isNull(e.value)) {
          error(pos(e.value), e.path, "expected a string, got an empty value");
          value = null;
        } else {
          value = scalar(e.value, e.path, ValueType.string());
        }
        strings.add(new Entry<>(e.name, e.keyPos, e.path, value));
      }
      return strings;
    }
  }

  /** The keys of a mapping node; non-scalar and duplicate keys are reported and skipped. */
  private List<Entry<NodeTuple>> entriesOf(MappingNode node, String path) {
    Map<String, Pos> seen = new LinkedHashMap<>();
    List<Entry<NodeTuple>> entries = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Pos keyPos = pos(keyNode);
      if (!(keyNode instanceof ScalarNode)) {
        error(keyPos, path, "expected a plain key, got " + describe(keyNode));
        continue;
      }
      String name = ((ScalarNode) keyNode).getValue();
      String keyPath = join(path, name);
      Pos first = seen.putIfAbsent(name, keyPos);
      if (first != null) {
        error(
            keyPos,
            keyPath,
            "duplicate key (first defined at line "
                + first.line
                + ", column "
                + first.column
                + ")");
        continue;
      }
      entries.add(new Entry<>(name, keyPos, keyPath, tuple));
    }
    return entries;
  }
}
