package io.edgegateway.bench.e2e;

import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw Fast-DDS ceiling of {@code bench/e2e.sh}: a process that subscribes raw (no decoding, no
 * gateway) to the topics of a {@link Scenario} and counts samples and bytes. It prints {@code
 * ready} once subscribed, then every 200 ms the totals so far, {@code received=N bytes=B}, until
 * the time is up or it is stopped.
 *
 * <p>Usage: {@code RawDdsSink <scenario> <domain> <seconds>}.
 */
public final class RawDdsSink {
  private static final long PROGRESS_MS = 200;

  private RawDdsSink() {}

  /** Runs the sink; see the class description for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: RawDdsSink <scenario> <domain> <seconds>");
      System.exit(2);
    }
    Scenario scenario = Scenario.named(args[0]);
    int domain = Integer.parseInt(args[1]);
    Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(args[2]) * 1000));
    HumanoidProfile profile = scenario.profile();
    Set<String> topics = scenario.topics(profile);
    AtomicLong received = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    try (FastDdsBus bus = FastDdsBus.join(Scenario.busOptions(domain, "e2e_raw_sink"))) {
      List<BusSubscription> subs = new ArrayList<>();
      for (TopicLoad load : profile.topics()) {
        if (topics.contains(load.topic())) {
          subs.add(
              bus.subscribeRaw(
                  load.spec(),
                  (stamp, buffer, length) -> {
                    received.incrementAndGet();
                    bytes.addAndGet(length);
                  }));
        }
      }
      System.out.println("ready");
      System.out.flush();
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() - end < 0) {
        TimeUnit.MILLISECONDS.sleep(PROGRESS_MS);
        System.out.printf("received=%d bytes=%d%n", received.get(), bytes.get());
        System.out.flush();
      }
      subs.forEach(BusSubscription::close);
    }
    System.exit(0);
  }
}
