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
  /**
   * Written before the first sample this reader took from the writer: a writer numbers its samples
   * from 1, so a first taken sample with sequence number n means n − 1 went out before it — before
   * the match (discovery still running, the gateway started after the publisher; a best-effort or
   * volatile writer keeps none of them for a late joiner) or overwritten in the reader's history
   * before the listener's first take. Counted once per writer, when its first sample arrives.
   */
  BEFORE_MATCH("before_match"),
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
