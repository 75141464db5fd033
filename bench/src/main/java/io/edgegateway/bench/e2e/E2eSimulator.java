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
 * <p>Usage: {@code E2eSimulator <scenario> <domain> <seconds>}.
 */
public final class E2eSimulator {
  /** The summary line printed when the simulator ends; parsed by the bench. */
  static final Pattern SUMMARY =
      Pattern.compile("published=(\\d+) bytes=(\\d+) failures=(\\d+) seconds=([0-9.]+)");

  private static final long DISCOVERY_WAIT_MS = 2000;

  private E2eSimulator() {}

  /** Runs the simulator; see the class description for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: E2eSimulator <scenario> <domain> <seconds>");
      System.exit(2);
    }
    Scenario scenario = Scenario.named(args[0]);
    int domain = Integer.parseInt(args[1]);
    Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(args[2]) * 1000));
    HumanoidProfile profile = scenario.profile();
    Set<String> topics = scenario.topics(profile);
    long startNanos;
    long endNanos;
    HumanoidSimulator sim;
    try (FastDdsBus bus = FastDdsBus.join(domain, "e2e_sim")) {
      sim =
          new HumanoidSimulator(bus, profile, scenario.rateScale(), Clock.system()).topics(topics);
      sim.start();
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
