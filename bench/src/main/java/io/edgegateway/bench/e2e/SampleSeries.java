package io.edgegateway.bench.e2e;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The samples of one run in time order, appended by the {@link DaemonSampler} thread and read by
 * the bench while it is running.
 */
final class SampleSeries {
  private final List<DaemonSample> samples = new CopyOnWriteArrayList<>();

  void add(DaemonSample s) {
    samples.add(s);
  }

  /** Every sample so far, oldest first (a live, unmodifiable view). */
  List<DaemonSample> all() {
    return Collections.unmodifiableList(samples);
  }

  /** The newest sample; fails if there is none. */
  DaemonSample last() {
    return samples.get(samples.size() - 1);
  }

  /** The newest sample taken at or before {@code t}, else the first one; fails if there is none. */
  DaemonSample atOrBefore(double t) {
    DaemonSample best = samples.get(0);
    for (DaemonSample x : samples) {
      if (x.t() <= t) {
        best = x;
      }
    }
    return best;
  }

  /** The first sample taken at or after {@code t}, else the newest one; fails if there is none. */
  DaemonSample atOrAfter(double t) {
    return samples.stream().filter(x -> x.t() >= t).findFirst().orElseGet(this::last);
  }
}
