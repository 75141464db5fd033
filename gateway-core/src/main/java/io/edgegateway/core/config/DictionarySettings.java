package io.edgegateway.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code uplink.streams.<name>.dictionary} section: the stream's zstd dictionary.
 *
 * @param trainAfter batches of the stream to collect before training, 1 .. 1,000,000 (config key
 *     {@code train_after}); unused with {@code file}
 * @param maxBytes largest trained dictionary, 1 KiB .. 1 MiB
 * @param file a dictionary in zstd's format ({@code zstd --train} output) to use instead of
 *     training
 */
public record DictionarySettings(int trainAfter, long maxBytes, Optional<Path> file) {
  public DictionarySettings {
    UplinkSchema.TRAIN_AFTER.check(trainAfter);
    UplinkSchema.DICTIONARY_MAX_BYTES.check(maxBytes);
    Objects.requireNonNull(file, "file");
  }

  /** Train after 100 batches, at most 64 KiB, no file. */
  public static DictionarySettings defaults() {
    return new DictionarySettings(
        UplinkSchema.TRAIN_AFTER.defaultOrThrow(),
        UplinkSchema.DICTIONARY_MAX_BYTES.defaultOrThrow(),
        Optional.empty());
  }
}
