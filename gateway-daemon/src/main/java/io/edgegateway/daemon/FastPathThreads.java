package io.edgegateway.daemon;

import io.edgegateway.core.config.FastPathScheduling;
import java.util.Set;

/**
 * How the fast path's DDS threads were scheduled at start.
 *
 * @param scheduling FIFO, NICE, or NONE if their priority was not raised
 * @param ids thread ids whose priority was raised; empty if that was not permitted
 */
record FastPathThreads(FastPathScheduling scheduling, Set<Long> ids) {
  static final FastPathThreads NOT_RAISED = new FastPathThreads(FastPathScheduling.NONE, Set.of());

  FastPathThreads {
    ids = Set.copyOf(ids);
  }
}
