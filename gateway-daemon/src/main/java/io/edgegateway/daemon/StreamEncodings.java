package io.edgegateway.daemon;

import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.DictionaryStore;
import io.edgegateway.core.codec.StreamDictionary;
import io.edgegateway.core.codec.StreamEncoding;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.config.DictionarySettings;
import io.edgegateway.core.config.StreamCodec;
import io.edgegateway.core.config.StreamSettings;
import io.edgegateway.core.config.UplinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The batch encoding of every stream from {@code uplink.streams} ({@code codec}, {@code
 * dictionary}), and the robot's dictionary store in {@code <data_dir>/dictionaries}.
 */
final class StreamEncodings {
  private final Map<String, StreamEncoding> byStream;
  private final @Nullable DictionaryStore store;

  private StreamEncodings(Map<String, StreamEncoding> byStream, @Nullable DictionaryStore store) {
    this.byStream = byStream;
    this.store = store;
  }

  /**
   * Builds the encodings; opens the store when a stream has a dictionary or an earlier run left
   * dictionaries (queued batches may need them).
   *
   * @throws IllegalArgumentException if a dictionary file cannot be read or is not a dictionary
   */
  static StreamEncodings of(UplinkSettings uplink, Path dataDir) {
    Path dir = dataDir.resolve("dictionaries");
    DictionaryStore store =
        uplink.usesDictionaries() || Files.isDirectory(dir) ? DictionaryStore.open(dir) : null;
    Map<String, StreamEncoding> byStream = new LinkedHashMap<>();
    uplink
        .streams()
        .forEach(
            (name, s) ->
                byStream.put(
                    name,
                    new StreamEncoding(
                        s.codec() == StreamCodec.COLUMNAR, dictionary(name, s, store))));
    return new StreamEncodings(byStream, store);
  }

  private static Optional<StreamDictionary> dictionary(
      String stream, StreamSettings settings, @Nullable DictionaryStore store) {
    if (settings.dictionary().isEmpty()) {
      return Optional.empty();
    }
    Objects.requireNonNull(store, "store (opened when a stream has a dictionary)");
    DictionarySettings d = settings.dictionary().get();
    if (d.file().isPresent()) {
      Path file = d.file().get();
      ZstdDictionary dictionary;
      try {
        dictionary = ZstdDictionary.of(Files.readAllBytes(file));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "uplink.streams." + stream + ".dictionary.file: cannot use " + file + ": " + e, e);
      }
      store.save(dictionary);
      return Optional.of(StreamDictionary.fixed(dictionary));
    }
    return Optional.of(StreamDictionary.trained(stream, store, d.trainAfter(), (int) d.maxBytes()));
  }

  /** The encoding of {@code stream}; plain for a stream not in the config. */
  StreamEncoding forStream(String stream) {
    return byStream.getOrDefault(stream, StreamEncoding.PLAIN);
  }

  /** The dictionary topic to publish on, or null when the robot has no dictionaries. */
  @Nullable String dictionaryTopic(UplinkSettings uplink) {
    return store == null ? null : uplink.dictionaryTopic();
  }

  /** The robot's dictionaries, for the uplink to publish. */
  DictionaryLookup dictionaries() {
    return store == null ? DictionaryLookup.NONE : store;
  }
}
