package io.edgegateway.core.port;

/**
 * Why a sample that a DDS writer sent never reached the gateway's handler: the {@code reason} tag
 * of {@code gateway_dds_lost_samples_total}.
 */
public enum DdsLossReason {
  /**
   * Missing from the writer's sequence numbers as the reader took them: dropped before the gateway
   * saw it (kernel socket-buffer overflow, reader history overrun, a sample larger than the DDS
   * type size dropped inside the DDS library). Trailing losses show once the writer's next sample
   * arrives.
   */
  SEQUENCE_GAP("sequence_gap"),
  /** Taken from DDS but larger than the subscription's max sample bytes, so dropped. */
  OVERSIZE("oversize");

  private final String tag;

  DdsLossReason(String tag) {
    this.tag = tag;
  }

  /** The metric tag value, e.g. {@code sequence_gap}. */
  public String tag() {
    return tag;
  }
}
