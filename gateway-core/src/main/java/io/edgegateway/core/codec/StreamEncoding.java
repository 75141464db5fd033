package io.edgegateway.core.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BatchCodec} encodes the batches of one stream.
 *
 * @param columnar carry fixed-size payloads of a topic as one {@code DELTA_SHUFFLE} block
 * @param dictionary the stream's zstd dictionary; empty to compress without one
 */
public record StreamEncoding(boolean columnar, Optional<StreamDictionary> dictionary) {
  /** Payloads as received, no dictionary. */
  public static final StreamEncoding PLAIN = new StreamEncoding(false, Optional.empty());

  /** The columnar transform, no dictionary. */
  public static final StreamEncoding COLUMNAR = new StreamEncoding(true, Optional.empty());

  public StreamEncoding {
    Objects.requireNonNull(dictionary, "dictionary");
  }
}
