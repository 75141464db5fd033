package io.edgegateway.core.codec;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UTF-8 bytes of the strings every batch's topic table repeats (topic names, type names, full
 * message definitions), encoded once: a protobuf string field set from a {@code String} is encoded
 * twice per batch (once to size it, once to write it), which with 250 topics and their definitions
 * was the largest single cost of sealing (docs/benchmarks.md, "Many topics"). Bounded: past {@link
 * #MAX_ENTRIES} distinct strings it starts over. Thread-safe.
 */
final class EncodedStrings {
  /** Distinct strings kept before the cache is cleared. */
  static final int MAX_ENTRIES = 4096;

  private final Map<String, ByteString> bytes = new ConcurrentHashMap<>();

  /** {@code s} as UTF-8. */
  ByteString utf8(String s) {
    ByteString b = bytes.get(s);
    if (b == null) {
      if (bytes.size() >= MAX_ENTRIES) {
        bytes.clear();
      }
      b = ByteString.copyFromUtf8(s);
      bytes.put(s, b);
    }
    return b;
  }

  /** How many strings are held (for tests). */
  int size() {
    return bytes.size();
  }
}
