package io.edgegateway.bench.e2e;

import io.edgegateway.core.port.Clock;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidSimulator;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The publishing process of {@code bench/e2e.sh}: the testkit {@link HumanoidSimulator} on a
 * Fast-DDS bus, restricted to the topics of one {@link Scenario}, for a fixed time. Its last line
 * is {@code published=N bytes=B failures=F seconds=S}, counted after the publishers closed, so
 * nothing published is missing from the count.
 *
 * <p>With {@code subscribers} > 0 the schedule (and the S seconds) starts only once every writer
 * matched that many readers (the daemon's, and the raw subscriber's alongside), at most {@value
 * #MATCH_TIMEOUT_S} s: telemetry is best effort, so samples written before a reader matched reach
 * nobody and the daemon counts them as {@code before_match} loss, which would measure discovery
 * (the simulator's participant finding the daemon's), not the gateway. The line {@code simulate:
 * matched=true|false subscribers=N wait_s=W} tells how long that took.
 *
 * <p>Usage: {@code E2eSimulator <scenario> <domain> <seconds> [subscribers]} (default 0: publish at
 * once).
 */
public final class E2eSimulator {
  /** The summary line printed when the simulator ends; parsed by the bench. */
  static final Pattern SUMMARY =
      Pattern.compile("published=(\\d+) bytes=(\\d+) failures=(\\d+) seconds=([0-9.]+)");

  /** The line telling whether and after how long the writers matched; parsed by the bench. */
  static final Pattern MATCHED =
      Pattern.compile("simulate: matched=(true|false) subscribers=\\d+ wait_s=([0-9.]+)");

  static final long MATCH_TIMEOUT_S = 30;

  private E2eSimulator() {}

  /** Runs the simulator; see the class description for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3 && args.length != 4) {
      System.err.println("usage: E2eSimulator <scenario> <domain> <seconds> [subscribers]");
      System.exit(2);
    }
    Scenario scenario = Scenario.named(args[0]);
    int domain = Integer.parseInt(args[1]);
    Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(args[2]) * 1000));
    int subscribers = args.length == 4 ? Integer.parseInt(args[3]) : 0;
    HumanoidProfile profile = scenario.profile();
    Set<String> topics = scenario.topics(profile);
    long startNanos;
    long endNanos;
    HumanoidSimulator sim;
    try (FastDdsBus bus = FastDdsBus.join(Scenario.busOptions(domain, "e2e_sim"))) {
      sim =
          new HumanoidSimulator(bus, profile, scenario.rateScale(), Clock.system()).topics(topics);
      long waitStart = System.nanoTime();
      boolean matched = sim.startWhenMatched(subscribers, Duration.ofSeconds(MATCH_TIMEOUT_S));
      System.out.printf(
          "simulate: matched=%s subscribers=%d wait_s=%.3f%n",
          matched, subscribers, (System.nanoTime() - waitStart) / 1e9);
      // the time counts from the publishers' creation on (250 of them take seconds under load)
      startNanos = System.nanoTime();
      System.out.println("simulate: started " + scenario.name() + " topics=" + topics.size());
      System.out.flush();
      long deadline = startNanos + duration.toNanos();
      long now;
      while ((now = System.nanoTime()) - deadline < 0) {
        TimeUnit.NANOSECONDS.sleep(Math.min(deadline - now, TimeUnit.MILLISECONDS.toNanos(200)));
      }
      sim.close();
      endNanos = System.nanoTime();
    }
    System.out.printf(
        "published=%d bytes=%d failures=%d seconds=%.3f%n",
        sim.totalPublished(),
        sim.totalPublishedBytes(),
        sim.totalFailures(),
        (endNanos - startNanos) / 1e9);
    System.out.flush();
    System.exit(0);
  }
}
