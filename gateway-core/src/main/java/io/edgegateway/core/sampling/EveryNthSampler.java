package io.edgegateway.core.sampling;

/** The {@code every_nth} policy: keeps the first sample and then every n-th one of a topic. */
final class EveryNthSampler implements Sampler {
  private final int n;
  private long count;

  EveryNthSampler(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("every_nth : " + n + " (expected: >= 1)");
    }
    this.n = n;
  }

  @Override
  public boolean accept(long monotonicNanos) {
    return count++ % n == 0;
  }

  @Override
  public String dropReason() {
    return "every_nth";
  }
}
