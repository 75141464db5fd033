package io.edgegateway.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the {@code uplink} section: the Kafka client, the streams and the gateway's own
 * topics.
 */
final class UplinkSchema {
  private UplinkSchema() {}

  static final String KAFKA_TOPIC_PATTERN = "[A-Za-z0-9._-]{1,249}";

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

  /** Streams and their Kafka topics when {@code uplink.streams} is absent. */
  /** See {@link UplinkSettings#INCIDENTS_STREAM}. */
  static final String INCIDENTS_STREAM = UplinkSettings.INCIDENTS_STREAM;

  static Map<String, StreamSettings> defaultStreams() {
    Map<String, StreamSettings> streams = new LinkedHashMap<>();
    streams.put("telemetry", new StreamSettings("edge.telemetry.v1"));
    streams.put("perception", new StreamSettings("edge.perception.v1"));
    streams.put("diagnostics", new StreamSettings("edge.diagnostics.v1"));
    streams.put(INCIDENTS_STREAM, new StreamSettings("edge.incidents.v1"));
    return streams;
  }

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
  static final Key<Void> TLS =
      Key.section(
          "tls",
          TlsSchema.SECTION,
          "—",
          "mTLS with PEM files (`ca_file`, `cert_file`, `key_file`, `key_password`), rotated"
              + " without a restart.");
  static final Key<Void> SASL =
      Key.section(
          "sasl",
          SaslSchema.SECTION,
          "—",
          "SASL authentication: `OAUTHBEARER` (OIDC client credentials, tokens refreshed before"
              + " they expire) or `SCRAM-SHA-512` / `SCRAM-SHA-256`.");
  static final Section KAFKA_SECTION =
      Section.of("uplink.kafka", "The Kafka client.", BOOTSTRAP_SERVERS, PROPERTIES, TLS, SASL);
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
          ValueType.matching(ConfigSchema.STREAM_NAME_PATTERN, "a stream name like telemetry"),
          STREAM_SECTION,
          defaultStreamsDoc(),
          "Streams by name (`[a-z][a-z0-9_-]*`). When given, replaces the default map. `incidents`"
              + " receives the incident upload of `capture` (ahead of every other stream) and"
              + " no topic rule; leave it out and incidents stay on the robot.");
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
  static final Key<Void> BUDGET =
      Key.section(
          "budget",
          BudgetSchema.SECTION,
          "unlimited",
          "Bandwidth budget of a metered link: `max_bytes_per_s`, `daily_bytes`, `burst`,"
              + " `backlog_after`.");
  static final Section SECTION =
      Section.of(
          "uplink",
          "The uplink to Kafka (transactional).",
          KAFKA,
          STREAMS,
          CHECKPOINT_TOPIC,
          DICTIONARY_TOPIC,
          BUDGET);

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
