package io.edgegateway.testkit.sim;

import io.edgegateway.core.port.BusPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until publishers matched their subscribers, polling {@link
 * BusPublisher#matchedSubscribers()} every 10 ms on the real clock; a publisher whose bus does not
 * report matches (-1) counts as matched.
 */
final class MatchedPublishers {
  private static final long POLL_MS = 10;

  private MatchedPublishers() {}

  /**
   * Waits until every one of {@code publishers} matched at least {@code subscribers}.
   *
   * @return true if they did within {@code timeout}, false when the timeout ended the wait
   */
  static boolean await(List<BusPublisher> publishers, int subscribers, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!allMatched(publishers, subscribers)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
    return true;
  }

  static boolean allMatched(List<BusPublisher> publishers, int subscribers) {
    for (BusPublisher p : publishers) {
      long n = p.matchedSubscribers();
      if (n >= 0 && n < subscribers) {
        return false;
      }
    }
    return true;
  }
}
