package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control fast path keeps relaying while telemetry is disturbed: control samples published
 * reliably at 1 kHz on domain A are relayed by the gateway to domain B, where a subscriber counts
 * them. The relay latency (DDS receive to relay write complete, the gateway's own HdrHistogram) is
 * measured with the queue's disk stalled (1 s rounds interleaved with idle ones), with the broker
 * down (against the idle rounds just before) and with humanoid-1x10 telemetry on the same bus
 * (rounds interleaved with the simulator paused); all in one run, compared as ratios.
 */
class FastPathIsolationTest {
  private static final Logger log = LoggerFactory.getLogger(FastPathIsolationTest.class);
  private static final String CONTROL_TOPIC = "/isolation/joint_commands";
  private static final RosTypeName CONTROL_TYPE =
      RosTypeName.parse("trajectory_msgs/msg/JointTrajectory");
  private static final Qos RELIABLE_ALL =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 1000);
  private static final int SAMPLE_BYTES = 600;
  private static final long PERIOD_NANOS = TimeUnit.MICROSECONDS.toNanos(1000); // 1 kHz
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final int ROUNDS = 6;
  private static final Duration ROUND = Duration.ofSeconds(1);
  private static final Duration BROKER_SETTLE = Duration.ofSeconds(1);
  // The x10 load generator stands for the robot's other processes, which have cores of their own
  // on a robot; on the 2-core test box it runs niced so that it does not starve the gateway itself.
  private static final int SIMULATOR_NICENESS = 10;
  private static final int X10_ROUNDS = 6;
  private static final Duration X10_ROUND = Duration.ofSeconds(1);
  private static final Duration SETTLE = Duration.ofMillis(200);
  // A relay blocked by telemetry work costs milliseconds; noise on a shared box costs tens of us.
  private static final int ISOLATION_BOUND = 10;

  @TempDir Path dir;

  @Test
  void controlKeepsFlowingWithDiskStalledBrokerDownAndHeavyTelemetry() throws Exception {
    int domainA = DdsDomains.forTest(getClass(), 0);
    int domainB = DdsDomains.forTest(getClass(), 1);
    Path data = dir.resolve("data");
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start();
        BusyCpus busy = BusyCpus.start(Runtime.getRuntime().availableProcessors())) {
      GatewayConfig cfg = config(data, domainA, domainB, kafka.bootstrapServers());
      SubscriptionSpec control =
          new SubscriptionSpec(CONTROL_TOPIC, CONTROL_TYPE, RELIABLE_ALL, 4096);
      BitSet received = new BitSet();
      AtomicLong duplicates = new AtomicLong();
      try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(2));
          FastDdsBus robot = FastDdsBus.join(domainA, "isolation_robot");
          FastDdsBus remote = FastDdsBus.join(domainB, "isolation_remote");
          BusSubscription counter =
              remote.subscribe(
                  control,
                  (stamp, payload) -> {
                    int seq = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
                    synchronized (received) {
                      if (received.get(seq)) {
                        duplicates.incrementAndGet();
                      }
                      received.set(seq);
                    }
                  });
          BusPublisher publisher = robot.publisher(control);
          ControlPublisher controller = new ControlPublisher(publisher)) {
        controller.start();
        // Discovery on both sides done: relayed samples arrive.
        await().atMost(Duration.ofSeconds(20)).until(() -> countOf(received) > 100);
        // The relay's writer on B and the counter match some time after the relay starts; what was
        // relayed before (volatile QoS) never reaches the counter. Losses count from the first
        // sample the counter got, which must precede every measured phase.
        int firstCounted;
        synchronized (received) {
          firstCounted = received.nextSetBit(0);
        }

        // Warm-up (JIT, the uplink's first connection attempts) stays out of every phase.
        LockSupport.parkNanos(WARM_UP.toNanos());
        // Each disturbance is measured in rounds interleaved with idle rounds (noise from outside
        // the test falls on both sides); the broker cannot be restarted every second, so the idle
        // rounds of the disk phase just before are its baseline.
        Map<String, Histogram> phases = new LinkedHashMap<>();
        Histogram idleDisk = new Histogram(3);
        Histogram stalled = new Histogram(3);
        try (Connection stall =
                DriverManager.getConnection(
                    "jdbc:sqlite:" + data.resolve(SqliteDurableQueue.FILE_NAME));
            Statement s = stall.createStatement()) {
          for (int round = 0; round < ROUNDS; round++) {
            idleDisk.add(measure(gateway, SETTLE, ROUND));
            execute(s, "BEGIN EXCLUSIVE");
            try {
              stalled.add(measure(gateway, SETTLE, ROUND));
            } finally {
              execute(s, "ROLLBACK");
            }
          }
        }
        phases.put("idle_disk_rounds", idleDisk);
        phases.put("disk_stalled", stalled);
        kafka.stop();
        phases.put("broker_down", measure(gateway, BROKER_SETTLE, ROUND.multipliedBy(ROUNDS)));
        Histogram idleInterleaved = new Histogram(3);
        Histogram loaded = new Histogram(3);
        long telemetryPublished;
        try (SimulatorProcess sim = SimulatorProcess.start(domainA, 10, SIMULATOR_NICENESS, dir)) {
          long before = (long) telemetryReceived(gateway);
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> !sim.isAlive() || telemetryReceived(gateway) > before + 20_000);
          assertThat(sim.isAlive()).as(sim.output()).isTrue();
          long publishedBefore = sim.published();
          for (int round = 0; round < X10_ROUNDS; round++) {
            sim.pause();
            idleInterleaved.add(measure(gateway, SETTLE, X10_ROUND));
            sim.resume();
            loaded.add(measure(gateway, SETTLE, X10_ROUND));
          }
          telemetryPublished = sim.published() - publishedBefore;
        }
        phases.put("idle_x10_rounds", idleInterleaved);
        phases.put("telemetry_x10", loaded);
        double telemetryReceived = telemetryReceived(gateway);

        long published = controller.stopAndCount();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long expected = published - firstCounted;
        while (countOf(received) < expected && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        var relay = gateway.fastPath().relays().get(0);
        long lost = expected - countOf(received);

        double idleP99 = p99Micros(idleDisk);
        StringBuilder report = new StringBuilder("fast path isolation:");
        phases.forEach(
            (name, h) ->
                report.append(
                    String.format(
                        Locale.ROOT,
                        " %s{n=%d p50=%.1fus p99=%.1fus max=%.1fus ratio=%.2f}",
                        name,
                        h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1e3,
                        p99Micros(h),
                        h.getMaxValue() / 1e3,
                        p99Micros(h)
                            / (name.equals("telemetry_x10")
                                ? p99Micros(idleInterleaved)
                                : name.equals("disk_stalled") ? p99Micros(idleDisk) : idleP99))));
        report
            .append(" published=")
            .append(published)
            .append(" counted_from=")
            .append(firstCounted)
            .append(" lost=")
            .append(lost)
            .append(" relayed=")
            .append(relay.relayed())
            .append(" relay_failed=")
            .append(relay.failed())
            .append(" fastpath_threads_raised=")
            .append(gateway.fastPathThreads().size())
            .append(" scheduling=")
            .append(gateway.fastPathScheduled())
            .append(" telemetry_published=")
            .append(telemetryPublished)
            .append(" gateway_received=")
            .append((long) telemetryReceived);
        log.info("{}", report);
        System.out.println(report);

        assertThat(lost).as("control samples lost").isZero();
        // Raised as configured (fifo by default), where the test may (root or CAP_SYS_NICE).
        assertScheduled(
            "fast-path thread",
            gateway.fastPathThreads(),
            gateway.fastPathScheduled(),
            FastPathScheduling.FIFO_PRIORITY);
        if (!gateway.fastPathThreads().isEmpty()) {
          // The test JVM runs the serial collector (the parent POM's argLine), which collects in
          // the VM Thread itself; G1's workers, started up front by the launchers, go the same way.
          Set<Long> pauseThreads = PauseThreadPriority.threads();
          assertThat(pauseThreads).as("pause threads of this JVM").isNotEmpty();
          assertScheduled(
              "pause thread",
              pauseThreads,
              gateway.fastPathScheduled(),
              PauseThreadPriority.FIFO_PRIORITY);
        }
        assertThat(duplicates.get()).as("duplicates").isZero();
        for (Map.Entry<String, Histogram> phase : phases.entrySet()) {
          assertThat(phase.getValue().getTotalCount())
              .as("samples relayed in phase %s", phase.getKey())
              .isGreaterThan(ROUND.toMillis() / 4);
        }
        // Heavy telemetry really was on the bus. Nominal x10 is ~65,000 msgs/s; the niced simulator
        // on a 2-core box reaches a fraction of that (20,000+ msgs/s on an otherwise idle box, less
        // when other processes compete), so ask for more than humanoid-1's own nominal rate while
        // it
        // ran and report what was reached.
        assertThat(telemetryPublished)
            .as(report.toString())
            .isGreaterThan(
                (long)
                    (HumanoidProfile.humanoid1().messagesPerSecond()
                        * X10_ROUNDS
                        * X10_ROUND.toSeconds()));
        // Disk stall, broker outage and heavy telemetry touch only the telemetry threads: the
        // relay never waits on them. A relay that did (a lock shared with telemetry, a blocking
        // write) shows up as milliseconds against an idle p99 of tens of microseconds, so the bound
        // is 10x the idle p99 of the same run (for the x10 load, the idle rounds interleaved with
        // it); the ratios themselves (target 1.2) are bench/fastpath.sh's, since a 2x bound here
        // failed on scheduling noise of ~80 us in a CI run (broker_down 143 us vs idle 63 us).
        assertThat(p99Micros(stalled))
            .as("disk-stalled relay p99 (us) vs 10 x interleaved idle p99; %s", report)
            .isLessThanOrEqualTo(ISOLATION_BOUND * p99Micros(idleDisk));
        assertThat(p99Micros(phases.get("broker_down")))
            .as("broker-down relay p99 (us) vs 10 x idle p99 of the disk rounds; %s", report)
            .isLessThanOrEqualTo(ISOLATION_BOUND * idleP99);
        assertThat(p99Micros(loaded))
            .as("humanoid-1x10 relay p99 (us) vs 10 x interleaved idle p99; %s", report)
            .isLessThanOrEqualTo(ISOLATION_BOUND * p99Micros(idleInterleaved));
        double mirrored =
            gateway
                .registry()
                .find("gateway.bus.messages.received")
                .tag("topic", CONTROL_TOPIC)
                .counter()
                .count();
        assertThat(mirrored).as("mirror copies reached telemetry").isPositive();
      }
    }
  }

  private static double telemetryReceived(Gateway gateway) {
    return gateway.registry().find("gateway.bus.messages.received").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static long countOf(BitSet received) {
    synchronized (received) {
      return received.cardinality();
    }
  }

  private static double p99Micros(Histogram h) {
    return h.getValueAtPercentile(99) / 1e3;
  }

  /** The relay latencies recorded during {@code length}, after waiting {@code settle}. */
  private static Histogram measure(Gateway gateway, Duration settle, Duration length) {
    LockSupport.parkNanos(settle.toNanos());
    Histogram before = gateway.fastPath().latency().total();
    LockSupport.parkNanos(length.toNanos());
    Histogram after = gateway.fastPath().latency().total();
    after.subtract(before);
    return after;
  }

  /**
   * One {@code nice -n 19} busy loop per CPU for the length of the test. On the 2-core CI VM a
   * quiet relay's p99 is dominated by how long an idle vCPU takes to wake up (0.1 to 1 ms, varying
   * from round to round; the relay is fastest under the x10 load, when no CPU is idle), which is a
   * property of the machine, not of the gateway. With every CPU busy at the lowest priority, the
   * relay's SCHED_FIFO threads preempt at once in every phase, and the ratios compare what the
   * disturbances do to the gateway. The loops take about 1.5 % of a CPU from any nice 0 thread.
   */
  private static final class BusyCpus implements AutoCloseable {
    private final List<Process> loops;

    private BusyCpus(List<Process> loops) {
      this.loops = loops;
    }

    static BusyCpus start(int cpus) throws java.io.IOException {
      List<Process> loops = new java.util.ArrayList<>();
      for (int i = 0; i < cpus; i++) {
        loops.add(
            new ProcessBuilder("nice", "-n", "19", "sh", "-c", "while :; do :; done").start());
      }
      return new BusyCpus(loops);
    }

    @Override
    public void close() {
      loops.forEach(Process::destroyForcibly);
    }
  }

  private static void execute(Statement s, String sql) {
    try {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /** Publishes numbered control samples at 1 kHz on its own thread. */
  private static final class ControlPublisher implements AutoCloseable {
    private final BusPublisher publisher;
    private final Thread thread;
    private volatile boolean running = true;
    private int published;

    ControlPublisher(BusPublisher publisher) {
      this.publisher = publisher;
      this.thread = new Thread(this::run, "control-publisher");
    }

    void start() {
      thread.start();
    }

    private void run() {
      byte[] sample = new byte[SAMPLE_BYTES];
      sample[1] = 1; // CDR little endian
      ByteBuffer view = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN);
      long next = System.nanoTime();
      while (running) {
        view.putInt(4, published);
        if (publisher.publish(sample, sample.length)) {
          published++;
        }
        next += PERIOD_NANOS;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }

    long stopAndCount() throws InterruptedException {
      running = false;
      thread.join(TimeUnit.SECONDS.toMillis(5));
      return published;
    }

    @Override
    public void close() throws InterruptedException {
      stopAndCount();
    }
  }

  private static GatewayConfig config(Path data, int domainA, int domainB, String bootstrap) {
    StringBuilder topics = new StringBuilder();
    topics
        .append("    - match: ")
        .append(CONTROL_TOPIC)
        .append("\n      type: ")
        .append(CONTROL_TYPE)
        .append("\n      class: control\n")
        .append("      qos: {reliability: reliable, history: keep_all}\n")
        .append("      max_sample_bytes: 4096\n")
        .append("      relay: {to_domain: ")
        .append(domainB)
        .append("}\n      mirror: {max_rate_hz: 50}\n");
    for (HumanoidProfile.TopicLoad t : HumanoidProfile.humanoid1().topics()) {
      if (t.trafficClass() == TrafficClass.CONTROL) {
        continue;
      }
      topics
          .append("    - match: ")
          .append(t.topic())
          .append("\n      type: ")
          .append(t.type())
          .append("\n      class: ")
          .append(t.trafficClass().name().toLowerCase(Locale.ROOT))
          .append("\n      max_sample_bytes: ")
          .append(t.maxSampleBytes())
          .append("\n");
    }
    String yaml =
        "gateway:\n"
            + "  robot_id: hx-isolation\n"
            + "  data_dir: "
            + data
            + "\n"
            + "ros2:\n"
            + "  domain_id: "
            + domainA
            + "\n"
            + "  topics:\n"
            + topics
            + "buffer:\n"
            + "  batch: {max_bytes: 256KiB, linger_ms: 100}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '"
            + bootstrap
            + "'}\n"
            + "  streams:\n"
            + "    telemetry: {topic: iso.telemetry}\n"
            + "    perception: {topic: iso.perception}\n"
            + "    diagnostics: {topic: iso.diagnostics}\n"
            + "http:\n"
            + "  bind: 127.0.0.1:0\n";
    return ConfigLoader.parse("isolation.yaml", yaml, name -> null).orElseThrow();
  }

  /**
   * Threads {@code tids} that still run are under {@code scheduled}: FIFO at {@code fifoPriority},
   * or nice (a thread that ended since, e.g. a short-lived helper thread started while the
   * participants joined, is skipped).
   */
  private static void assertScheduled(
      String what, Set<Long> tids, FastPathScheduling scheduled, int fifoPriority)
      throws java.io.IOException {
    for (long tid : tids) {
      if (!ThreadScheduling.threadIds().contains(tid)) {
        continue;
      }
      if (scheduled == FastPathScheduling.FIFO) {
        assertThat(ThreadScheduling.policyOf(tid))
            .as("policy of %s %d (%s)", what, tid, ThreadScheduling.name(tid))
            .isEqualTo(ThreadScheduling.SCHED_FIFO);
        assertThat(ThreadScheduling.realTimePriorityOf(tid)).isEqualTo(fifoPriority);
      } else {
        assertThat(ThreadScheduling.niceOf(tid))
            .as("nice of %s %d (%s)", what, tid, ThreadScheduling.name(tid))
            .isEqualTo(FastPathScheduling.NICE_VALUE);
      }
    }
  }
}
