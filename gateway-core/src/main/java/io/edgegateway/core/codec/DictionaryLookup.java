package io.edgegateway.core.codec;

import java.util.Optional;

/** Finds the zstd dictionary a batch was compressed with, by dictionary id. */
@FunctionalInterface
public interface DictionaryLookup {
  /** A lookup that knows no dictionary. */
  DictionaryLookup NONE = id -> Optional.empty();

  /**
   * The dictionary with {@code id}, or empty when unknown.
   *
   * @param id a dictionary id from a frame header, never 0
   */
  Optional<ZstdDictionary> find(long id);
}
