package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.ros2.CycloneTopicDiscovery;
import io.edgegateway.ros2.DiscoverHelper;
import io.edgegateway.ros2.FastDdsBus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edge-gateway topics}: what is published on the bus. Topic discovery (the prebuilt {@code
 * eg-discover} helper, {@link DiscoverHelper}) lists the writers; every ROS 2 topic is subscribed
 * best effort for the listen window and its samples counted, which gives the observed rate.
 */
@Command(
    name = "topics",
    description =
        "List what is published on the DDS bus: name, type, publishers, observed rate (samples"
            + " received during the listen window, best effort).")
final class TopicsCommand implements Callable<Integer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_SAMPLE_BYTES = 4 * 1024 * 1024;
  private static final Qos COUNTING_QOS =
      new Qos(Qos.Reliability.BEST_EFFORT, Qos.Durability.VOLATILE, Qos.History.KEEP_LAST, 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--domain", defaultValue = "0", description = "DDS domain id (default: 0)")
  int domain;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "How long to listen, 1..3600 (default: 5)")
  int seconds;

  @Option(names = "--json", description = "One JSON object per topic instead of a table")
  boolean json;

  @Option(
      names = "--all",
      description = "Also list non-ROS DDS topics (services, ros_discovery_info, plain DDS)")
  boolean all;

  /**
   * Counts one topic's samples. The rate is the mean over the intervals between the first and the
   * last sample received, so the time discovery and matching took does not lower it.
   */
  private static final class Counter {
    final AtomicLong samples = new AtomicLong();
    volatile long firstNanos;
    volatile long lastNanos;
    @Nullable BusSubscription subscription; // set right after construction, before publication

    void onSample() { // one Fast-DDS listener thread per subscription
      long now = System.nanoTime();
      if (samples.getAndIncrement() == 0) {
        firstNanos = now;
      }
      lastNanos = now;
    }

    double rateHz() {
      long n = samples.get();
      long span = lastNanos - firstNanos;
      return n < 2 || span <= 0 ? 0 : (n - 1) / (span / 1e9);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (domain < 0 || domain > FastDdsBus.MAX_DOMAIN_ID) {
      err.println("--domain: " + domain + " (expected: 0.." + FastDdsBus.MAX_DOMAIN_ID + ")");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    if (seconds < 1 || seconds > 3600) {
      err.println("--seconds: " + seconds + " (expected: 1..3600)");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Path helper;
    try {
      helper = DiscoverHelper.locate(); // the prebuilt eg-discover; no compiler involved
    } catch (IOException e) {
      err.println("edge-gateway: discovery unavailable: " + e.getMessage());
      return EdgeGatewayCli.EXIT_FAILURE;
    }
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    // Creating a Fast-DDS subscriber takes a while (hundreds of ms on a busy 2-core machine), so
    // subscriptions are made on a thread of their own: discovery keeps reading meanwhile and the
    // listing is complete even when not every topic has been counted yet.
    ExecutorService subscriber =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "eg-topics-subscribe");
              t.setDaemon(true);
              return t;
            });
    try (FastDdsBus bus = FastDdsBus.join(domain, "edge_gateway_topics")) {
      // closes discovery, then stops the subscriber thread, then leaves the bus
      try (TopicDiscovery discovery =
          new CycloneTopicDiscovery(
              domain, () -> helper, Duration.ofSeconds(1), Duration.ofSeconds(1))) {
        discovery.start(
            new TopicDiscovery.Listener() {
              @Override
              public void topicAppeared(DiscoveredTopic topic) {
                SubscriptionSpec s =
                    new SubscriptionSpec(
                        topic.name(),
                        RosTypeName.parse(topic.type()),
                        COUNTING_QOS,
                        MAX_SAMPLE_BYTES);
                subscriber.execute(
                    () -> {
                      Counter counter = new Counter();
                      counter.subscription =
                          bus.subscribeRaw(s, (stamp, buffer, length) -> counter.onSample());
                      counters.put(topic.name(), counter);
                    });
              }

              @Override
              public void topicVanished(DiscoveredTopic topic) {
                subscriber.execute(
                    () -> {
                      Counter counter = counters.remove(topic.name());
                      if (counter != null && counter.subscription != null) {
                        counter.subscription.close();
                      }
                    });
              }
            });
        long readyDeadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!discovery.ready()) {
          if (System.nanoTime() > readyDeadline) {
            err.println("edge-gateway: topic discovery did not start within " + READY_TIMEOUT);
            return EdgeGatewayCli.EXIT_FAILURE;
          }
          TimeUnit.MILLISECONDS.sleep(50); // polling a flag the discovery thread sets
        }
        TimeUnit.SECONDS.sleep(seconds); // the listen window itself
        print(discovery.topics(), counters);
      } finally {
        stop(subscriber);
      }
    }
    return 0;
  }

  private static void stop(ExecutorService executor) throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void print(List<DiscoveredTopic> topics, Map<String, Counter> counters) {
    PrintWriter out = spec.commandLine().getOut();
    List<String[]> rows = new ArrayList<>();
    for (DiscoveredTopic t : topics) {
      if (!t.ros() && !all) {
        continue;
      }
      Counter counter = t.ros() ? counters.get(t.name()) : null;
      Double rate = counter == null ? null : counter.rateHz();
      if (json) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", t.name());
        o.put("type", t.type());
        t.typeHash().ifPresent(h -> o.put("type_hash", h));
        o.put("publishers", t.publishers());
        if (rate == null) {
          o.putNull("rate_hz");
        } else {
          o.put("rate_hz", Math.round(rate * 10) / 10.0);
        }
        o.put("samples", counter == null ? 0 : counter.samples.get());
        o.put("ros", t.ros());
        out.println(o.toString());
      } else {
        rows.add(
            new String[] {
              t.name(),
              t.type(),
              Integer.toString(t.publishers()),
              rate == null ? "-" : String.format(Locale.ROOT, "%.1f", rate)
            });
      }
    }
    if (!json) {
      printTable(out, rows);
    }
    out.flush();
  }

  private static void printTable(PrintWriter out, List<String[]> rows) {
    String[] header = {"TOPIC", "TYPE", "PUBLISHERS", "RATE_HZ"};
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    String format =
        "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %" + width[3] + "s";
    out.println(String.format(Locale.ROOT, format, (Object[]) header).stripTrailing());
    for (String[] row : rows) {
      out.println(String.format(Locale.ROOT, format, (Object[]) row).stripTrailing());
    }
  }
}
