package io.edgegateway.core.config;

import static io.edgegateway.core.config.UplinkSchema.DICTIONARY;
import static io.edgegateway.core.config.UplinkSchema.DICTIONARY_FILE;
import static io.edgegateway.core.config.UplinkSchema.DICTIONARY_MAX_BYTES;
import static io.edgegateway.core.config.UplinkSchema.STREAMS;
import static io.edgegateway.core.config.UplinkSchema.STREAM_CODEC;
import static io.edgegateway.core.config.UplinkSchema.STREAM_TOPIC;
import static io.edgegateway.core.config.UplinkSchema.TRAIN_AFTER;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds the {@code uplink.streams} map ({@link UplinkSchema#STREAM_SECTION}) to {@link
 * StreamSettings} by name, with their dictionaries; the default streams when it is absent.
 */
final class StreamsBinder {
  /**
   * The streams of {@code uplink.streams}.
   *
   * @param settings the streams that bound without error, by name
   * @param names every stream name given (also invalid ones); null when the map itself is invalid
   * @param topicPositions where each topic is first given, for errors about topics used twice
   */
  record Streams(
      Map<String, StreamSettings> settings,
      @Nullable Set<String> names,
      Map<String, Position> topicPositions) {}

  private final BindContext context;

  StreamsBinder(BindContext context) {
    this.context = context;
  }

  /** The streams of the {@code uplink} mapping {@code m}; errors are reported, never thrown. */
  Streams bind(MappingView m) {
    if (!m.has(STREAMS)) {
      Map<String, StreamSettings> defaults = UplinkSchema.defaultStreams();
      return new Streams(defaults, defaults.keySet(), new LinkedHashMap<>());
    }
    Map<String, StreamSettings> streams = new LinkedHashMap<>();
    Map<String, Position> topicPositions = new LinkedHashMap<>();
    List<MappingView.Entry<Node>> entries = m.entries(STREAMS);
    if (entries == null) {
      return new Streams(streams, null, topicPositions);
    }
    Set<String> names = new LinkedHashSet<>();
    for (MappingView.Entry<Node> entry : entries) {
      String name =
          context.scalars().parse(entry.name(), entry.keyPos(), entry.path(), STREAMS.type());
      names.add(entry.name());
      MappingView stream =
          context.mapping(entry.value(), UplinkSchema.STREAM_SECTION, entry.path(), entry.keyPos());
      String topic = stream.get(STREAM_TOPIC);
      StreamCodec codec = stream.get(STREAM_CODEC);
      DictionarySettings dictionary =
          stream.has(DICTIONARY) ? bindDictionary(stream.section(DICTIONARY)) : null;
      if (name != null && topic != null && codec != null) {
        streams.put(name, new StreamSettings(topic, codec, Optional.ofNullable(dictionary)));
        topicPositions.putIfAbsent(topic, stream.valuePos(STREAM_TOPIC));
      }
    }
    return new Streams(streams, names, topicPositions);
  }

  private @Nullable DictionarySettings bindDictionary(MappingView m) {
    Integer trainAfter = m.get(TRAIN_AFTER);
    Long maxBytes = m.get(DICTIONARY_MAX_BYTES);
    Path file = m.get(DICTIONARY_FILE);
    return m.build(
        () ->
            new DictionarySettings(
                Objects.requireNonNull(trainAfter, "trainAfter"),
                Objects.requireNonNull(maxBytes, "maxBytes"),
                Optional.ofNullable(file)));
  }
}
