package io.edgegateway.core.sampling;

/** The policy of a rule without {@code sample}: keeps every sample. */
final class KeepAllSampler implements Sampler {
  static final KeepAllSampler INSTANCE = new KeepAllSampler();

  private KeepAllSampler() {}

  @Override
  public boolean accept(long monotonicNanos) {
    return true;
  }

  @Override
  public String dropReason() {
    return "none";
  }
}
