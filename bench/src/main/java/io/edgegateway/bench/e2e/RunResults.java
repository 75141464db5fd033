package io.edgegateway.bench.e2e;

import java.util.Map;

/**
 * Typed reads of a run's results ({@code t_sim_start}, {@code published}, …): the map that each
 * phase of {@link E2eBench} puts its results into and later phases and the reports read.
 */
final class RunResults {
  private RunResults() {}

  /**
   * The result {@code key} that an earlier phase put into {@code r}.
   *
   * @throws IllegalStateException naming the key when no phase put it
   * @throws ClassCastException when it is not a {@code type}
   */
  static <T> T get(Map<String, Object> r, String key, Class<T> type) {
    Object value = r.get(key);
    if (value == null) {
      throw new IllegalStateException(
          "result " + key + " : missing (expected: put by an earlier phase)");
    }
    return type.cast(value);
  }
}
