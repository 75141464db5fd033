package io.edgegateway.core.metrics;

/**
 * The latest offset between a topic's receive time and its publisher's source timestamp, written on
 * the bus thread with one volatile store per sample and read on scrape ({@link
 * GatewayMetrics#sourceSkew}).
 */
public final class SourceSkew {
  private volatile long latestNanos;
  private volatile boolean seen;

  SourceSkew() {}

  /**
   * Records one sample; a sample without a source timestamp ({@code sourceStampNs <= 0}) is
   * ignored.
   */
  public void record(long sourceStampNs, long receiveNs) {
    if (sourceStampNs > 0) {
      latestNanos = receiveNs - sourceStampNs;
      seen = true;
    }
  }

  /** The latest offset in seconds (positive: the source stamp is in the past), NaN before any. */
  public double seconds() {
    return seen ? latestNanos / 1e9 : Double.NaN;
  }
}
