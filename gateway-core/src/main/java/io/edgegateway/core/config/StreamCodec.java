package io.edgegateway.core.config;

/** How the payloads of a stream's batches are laid out before compression. */
public enum StreamCodec {
  /** Every record carries its payload as received. */
  PLAIN,
  /**
   * Fixed-size payloads of a topic travel as one delta-coded, byte-shuffled block per batch ({@code
   * PAYLOAD_ENCODING_DELTA_SHUFFLE}).
   */
  COLUMNAR
}
