package io.edgegateway.daemon;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidSimulator;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The broker-outage scenario: the daemon takes the humanoid-1 load (simulated on DDS in this JVM)
 * while its dedicated embedded broker is stopped for a while and then started again on the same
 * ports and log directory; afterwards every sealed batch is looked for in Kafka.
 *
 * <p>Timeline: broker up for {@code before}, down for {@code outage} (plus the time it takes to
 * start again, about 2 s), then up until {@code total} has passed since the start (longer if the
 * backlog is not drained by then, up to {@code drainCap}). The backlog is "drained" once the oldest
 * batch still queued was sealed after the broker came back. Then the simulator stops, the gateway
 * closes (delivering what is left), and a {@code read_committed} {@link BatchReader} reads every
 * stream from the beginning.
 *
 * <p>Used by {@code BrokerOutageEndToEndTest} (CI length) and by {@code bench/outage.sh} through
 * {@link #main} (full length).
 */
final class BrokerOutageScenario {
  /** The telemetry topics of humanoid-1 (the control topics are not part of this scenario). */
  static final Set<String> TOPICS =
      Set.of(
          "/joint_states",
          "/imu/torso",
          "/imu/pelvis",
          "/ft/left_wrist",
          "/ft/right_wrist",
          "/ft/left_ankle",
          "/ft/right_ankle",
          "/camera/head/compressed",
          "/camera/left/compressed",
          "/camera/right/compressed",
          "/diagnostics");

  private static final List<String> STREAMS = List.of("telemetry", "perception", "diagnostics");
  private static final long MONITOR_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * What to run.
   *
   * @param before broker up before the outage
   * @param outage how long the broker is stopped
   * @param total the simulator runs at least this long from the start
   * @param drainCap give up waiting for the drain this long after the broker came back
   * @param domain DDS domain of the simulator and the gateway
   * @param workDir holds the gateway's data directory
   * @param progress one line per phase and a status line every {@code progressEvery}
   * @param progressEvery how often to print a status line
   */
  record Options(
      Duration before,
      Duration outage,
      Duration total,
      Duration drainCap,
      int domain,
      Path workDir,
      PrintStream progress,
      Duration progressEvery) {
    Options {
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(progress, "progress");
      if (total.compareTo(before.plus(outage)) < 0) {
        throw new IllegalArgumentException(
            "total : " + total + " (expected: >= before + outage = " + before.plus(outage) + ")");
      }
    }
  }

  /**
   * What happened.
   *
   * @param outageS seconds the broker was down
   * @param backlogBatches batches queued when the broker came back
   * @param backlogBytes their compressed bytes
   * @param backlogS seconds of data queued then (now minus the seal time of the oldest batch)
   * @param reconnectS seconds from the broker's restart until the first delivery (the uplink's
   *     retry backoff or a delivery still timing out, then a new producer session); NaN if none
   * @param drainS seconds from the broker's restart until the backlog was delivered; NaN if not
   * @param sealedBatches batches the gateway sealed, in total
   * @param sealedRecords samples in them
   * @param kafkaBatches distinct batches read back from Kafka (read_committed)
   * @param kafkaRecords samples in them
   * @param duplicates batches read more than once ({@link BatchReader#duplicates()})
   * @param gaps missing batch_seq ranges ({@link BatchReader#gaps()})
   * @param intakeDropped samples dropped by a full intake (before batching)
   * @param appendLost samples whose batch the queue could not store
   * @param evicted batches evicted from the queue (quota, ttl, disk_full)
   * @param leftQueued batches still queued after the gateway closed
   * @param published samples the simulator published
   * @param received samples the gateway received from the bus
   * @param stopS seconds {@code EmbeddedKafka.stop()} took
   * @param downStateS seconds from the broker's stop (its return) until the uplink state left
   *     {@code connected}; NaN if it did not within 10 s
   * @param downReadyzS the same for {@code /readyz} turning 503 {@code uplink_disconnected}
   * @param upStateS seconds from the broker's restart until the state was {@code connected} and
   *     {@code /readyz} 200 again; NaN if never
   */
  record Result(
      double outageS,
      long backlogBatches,
      long backlogBytes,
      double backlogS,
      double reconnectS,
      double drainS,
      long sealedBatches,
      long sealedRecords,
      long kafkaBatches,
      long kafkaRecords,
      long duplicates,
      long gaps,
      long intakeDropped,
      long appendLost,
      long evicted,
      long leftQueued,
      long published,
      long received,
      double stopS,
      double downStateS,
      double downReadyzS,
      double upStateS) {

    /** Samples sealed or offered but not in Kafka: missing records, drops and queue losses. */
    long lost() {
      return Math.max(0, sealedRecords - kafkaRecords) + intakeDropped + appendLost;
    }

    /** Seconds of backlog delivered per second of draining; NaN if it did not drain. */
    double drainTimesRealTime() {
      return backlogS / drainS;
    }

    /** The one-line summary {@code bench/outage.sh} prints last. */
    String summary() {
      return String.format(
          Locale.ROOT,
          "outage_s=%.1f backlog_batches=%d backlog_mb=%.1f backlog_s=%.1f reconnect_s=%.1f"
              + " drain_s=%.1f drain_x_realtime=%.1f sealed_batches=%d kafka_batches=%d"
              + " evicted=%d lost=%d duplicates=%d",
          outageS,
          backlogBatches,
          backlogBytes / 1e6,
          backlogS,
          reconnectS,
          drainS,
          drainTimesRealTime(),
          sealedBatches,
          kafkaBatches,
          evicted,
          lost(),
          duplicates);
    }
  }

  private BrokerOutageScenario() {}

  /** Runs the scenario; see the class comment. */
  static Result run(Options o) throws Exception {
    PrintStream out = o.progress();
    Path data = o.workDir().resolve("data");
    String prefix = "outage." + Long.toHexString(System.nanoTime());
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      for (String s : STREAMS) {
        kafka.createTopic(prefix + "." + s, 1, false);
      }
      kafka.createTopic(prefix + ".checkpoints", 1, true);
      GatewayConfig cfg = config(data, o.domain(), kafka.bootstrapServers(), prefix);
      HumanoidProfile profile = HumanoidProfile.humanoid1();
      Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(120));
      Timeline t;
      long published;
      try (FastDdsBus simBus = FastDdsBus.join(o.domain(), "humanoid_sim");
          HumanoidSimulator sim =
              new HumanoidSimulator(simBus, profile, 1.0, Clock.system()).topics(TOPICS)) {
        sim.start();
        out.printf(
            Locale.ROOT,
            "outage: humanoid-1 (%d telemetry topics) on domain %d, broker %s%n",
            TOPICS.size(),
            o.domain(),
            kafka.bootstrapServers());
        t = timeline(o, gateway, kafka, out);
        sim.close();
        published = sim.totalPublished();
      } finally {
        out.println("outage: stopping the gateway (seals open batches, delivers the rest)");
        gateway.close();
      }
      MeterRegistry r = gateway.registry();
      long leftQueued = SqliteDurableQueue.inspect(data).batches();
      long[] inKafka = readBack(kafka.bootstrapServers(), prefix, r);
      QueueStats end = gateway.queueStats();
      return new Result(
          t.outageS,
          t.backlog.batches(),
          t.backlog.bytes(),
          t.backlogS,
          t.reconnectS,
          t.drainS,
          (long) sum(r, "gateway.batcher.batches.sealed"),
          (long) sum(r, "gateway.batcher.records.sealed"),
          inKafka[0],
          inKafka[1],
          inKafka[2],
          inKafka[3],
          (long) sum(r, "gateway.sampler.dropped", "reason", "intake_full"),
          (long) sum(r, "gateway.queue.append.lost.records"),
          end.evictedBatches().values().stream().mapToLong(Long::longValue).sum(),
          leftQueued,
          published,
          (long) sum(r, "gateway.bus.messages.received"),
          t.stopS,
          t.downStateS,
          t.downReadyzS,
          t.upStateS);
    }
  }

  private record Timeline(
      QueueStats backlog,
      double outageS,
      double backlogS,
      double reconnectS,
      double drainS,
      double stopS,
      double downStateS,
      double downReadyzS,
      double upStateS) {}

  private static Timeline timeline(Options o, Gateway gateway, EmbeddedKafka kafka, PrintStream out)
      throws InterruptedException {
    long start = System.nanoTime();
    Monitor m = new Monitor(gateway, out, o.progressEvery(), start);
    m.runUntil(start + o.before().toNanos(), () -> false);
    out.println("outage: stopping the broker");
    long downAt = System.nanoTime();
    kafka.stop();
    long stoppedAt = System.nanoTime();
    double stopS = (stoppedAt - downAt) / 1e9;
    double[] down = uplinkDownAfter(gateway, stoppedAt);
    out.printf(
        Locale.ROOT,
        "outage: broker stopped in %.1f s; after that the uplink state left connected in %.2f s,"
            + " /readyz turned 503 in %.2f s%n",
        stopS,
        down[0],
        down[1]);
    m.runUntil(downAt + o.outage().toNanos(), () -> false);
    kafka.start(); // the outage ends once the broker accepts connections again
    long upAt = System.nanoTime();
    double outageS = (upAt - downAt) / 1e9;
    long upWallMillis = System.currentTimeMillis();
    QueueStats backlog = gateway.queueStats();
    double deliveredAtRestart = sum(gateway.registry(), "gateway.uplink.batches", "outcome", "ok");
    double backlogS =
        backlog.oldestSealedAtMillis() == 0
            ? 0
            : (upWallMillis - backlog.oldestSealedAtMillis()) / 1e3;
    out.printf(
        Locale.ROOT,
        "outage: broker up again; backlog %d batches, %.1f MB, %.1f s of data%n",
        backlog.batches(),
        backlog.bytes() / 1e6,
        backlogS);
    long[] firstDelivery = {0};
    long[] upAgain = {0};
    boolean drained =
        m.runUntil(
            upAt + o.drainCap().toNanos(),
            () -> {
              if (firstDelivery[0] == 0
                  && sum(gateway.registry(), "gateway.uplink.batches", "outcome", "ok")
                      > deliveredAtRestart) {
                firstDelivery[0] = System.nanoTime();
              }
              if (upAgain[0] == 0 && uplinkUp(gateway)) {
                upAgain[0] = System.nanoTime();
              }
              QueueStats s = gateway.queueStats();
              return s.oldestSealedAtMillis() == 0 || s.oldestSealedAtMillis() >= upWallMillis;
            });
    double drainS = drained ? (System.nanoTime() - upAt) / 1e9 : Double.NaN;
    double reconnectS = firstDelivery[0] == 0 ? Double.NaN : (firstDelivery[0] - upAt) / 1e9;
    out.printf(
        Locale.ROOT,
        drained
            ? "outage: backlog drained in %.1f s (first delivery after %.1f s)%n"
            : "outage: backlog not drained in %.0f s (first delivery after %.1f s)%n",
        drained ? drainS : o.drainCap().toSeconds(),
        reconnectS);
    m.runUntil(start + o.total().toNanos(), () -> false);
    if (upAgain[0] == 0 && uplinkUp(gateway)) {
      upAgain[0] = System.nanoTime();
    }
    double upStateS = upAgain[0] == 0 ? Double.NaN : (upAgain[0] - upAt) / 1e9;
    return new Timeline(
        backlog, outageS, backlogS, reconnectS, drainS, stopS, down[0], down[1], upStateS);
  }

  /**
   * Polls every 20 ms, for at most 10 s, until the uplink state has left {@code connected} and
   * {@code /readyz} says 503 {@code uplink_disconnected}; the seconds from {@code stoppedAt} to
   * each, NaN for one that did not happen.
   */
  private static double[] uplinkDownAfter(Gateway gateway, long stoppedAt)
      throws InterruptedException {
    double[] after = {Double.NaN, Double.NaN};
    long until = stoppedAt + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() - until < 0 && (Double.isNaN(after[0]) || Double.isNaN(after[1]))) {
      if (Double.isNaN(after[0]) && gateway.uplinkState() != Uplink.UplinkState.CONNECTED) {
        after[0] = (System.nanoTime() - stoppedAt) / 1e9;
      }
      if (Double.isNaN(after[1]) && readyz(gateway).contains("uplink_disconnected")) {
        after[1] = (System.nanoTime() - stoppedAt) / 1e9;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return after;
  }

  private static boolean uplinkUp(Gateway gateway) {
    return gateway.uplinkState() == Uplink.UplinkState.CONNECTED
        && readyz(gateway).startsWith("200");
  }

  /** {@code /readyz} as "status body"; "error ..." if the request failed. */
  private static String readyz(Gateway gateway) {
    try {
      var response = Http.get(gateway.httpPort(), "/readyz");
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "error " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "error interrupted";
    }
  }

  /** Samples the queue every 100 ms and prints a status line now and then. */
  private static final class Monitor {
    private final Gateway gateway;
    private final PrintStream out;
    private final long everyNanos;
    private final long start;
    private long nextPrint;

    Monitor(Gateway gateway, PrintStream out, Duration every, long start) {
      this.gateway = gateway;
      this.out = out;
      this.everyNanos = every.toNanos();
      this.start = start;
      this.nextPrint = start + everyNanos;
    }

    /** Runs until {@code until} (monotonic) or until {@code done}; true if done. */
    boolean runUntil(long until, java.util.function.BooleanSupplier done)
        throws InterruptedException {
      while (System.nanoTime() - until < 0) {
        if (done.getAsBoolean()) {
          return true;
        }
        long now = System.nanoTime();
        if (now - nextPrint >= 0) {
          nextPrint += everyNanos;
          QueueStats s = gateway.queueStats();
          out.printf(
              Locale.ROOT,
              "t=%4.0fs queued=%d batches (%.1f MB) uplink=%s uploaded=%.0f batches%n",
              (now - start) / 1e9,
              s.batches(),
              s.bytes() / 1e6,
              gateway.uplinkState().name().toLowerCase(Locale.ROOT),
              sum(gateway.registry(), "gateway.uplink.batches", "outcome", "ok"));
        }
        TimeUnit.NANOSECONDS.sleep(MONITOR_NANOS);
      }
      return done.getAsBoolean();
    }
  }

  /**
   * Reads every stream from the beginning with a read_committed reader until it has the samples the
   * gateway sealed for it and two polls in a row bring nothing more (or 120 s pass).
   *
   * @return distinct batches, their samples, duplicates, gaps
   */
  private static long[] readBack(String bootstrap, String prefix, MeterRegistry r) {
    long batches = 0;
    long records = 0;
    long duplicates = 0;
    long gaps = 0;
    Set<String> seen = new HashSet<>();
    for (String s : STREAMS) {
      try (BatchReader reader =
          BatchReader.create(
              bootstrap, prefix + "." + s, BatchReader.StartPosition.EARLIEST, Map.of())) {
        long expected = (long) sum(r, "gateway.batcher.records.sealed", "stream", s);
        long streamRecords = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int emptyPolls = 0;
        while ((streamRecords < expected || emptyPolls < 2) && System.nanoTime() < deadline) {
          List<ReceivedBatch> got = reader.poll(Duration.ofMillis(500));
          emptyPolls = got.isEmpty() ? emptyPolls + 1 : 0;
          for (ReceivedBatch b : got) {
            if (seen.add(b.batch().getStream() + "/" + b.batch().getBatchSeq())) {
              batches++;
              records += b.batch().getRecordsCount();
              streamRecords += b.batch().getRecordsCount();
            }
          }
        }
        duplicates += reader.duplicates();
        gaps += reader.gaps();
      }
    }
    return new long[] {batches, records, duplicates, gaps};
  }

  private static double sum(MeterRegistry r, String name, String... tags) {
    return r.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** The humanoid-1 telemetry rules of {@code config/demo.yaml}, with streams on {@code prefix}. */
  static GatewayConfig config(Path dataDir, int domain, String bootstrap, String prefix) {
    return ConfigLoader.parse("outage.yaml", yaml(dataDir, domain, bootstrap, prefix), name -> null)
        .orElseThrow();
  }

  /** The YAML text of {@link #config}, for a daemon started as a process. */
  static String yaml(Path dataDir, int domain, String bootstrap, String prefix) {
    StringBuilder y = new StringBuilder();
    y.append("gateway:\n  robot_id: outage-humanoid\n  data_dir: ").append(dataDir).append('\n');
    y.append("ros2:\n  domain_id: ").append(domain).append("\n  topics:\n");
    for (String topic : List.of("/joint_states")) {
      y.append("    - {match: ").append(topic).append(", type: sensor_msgs/msg/JointState}\n");
    }
    for (String topic : List.of("/imu/torso", "/imu/pelvis")) {
      y.append("    - {match: ").append(topic).append(", type: sensor_msgs/msg/Imu}\n");
    }
    for (String topic :
        List.of("/ft/left_wrist", "/ft/right_wrist", "/ft/left_ankle", "/ft/right_ankle")) {
      y.append("    - {match: ").append(topic).append(", type: geometry_msgs/msg/WrenchStamped}\n");
    }
    for (String topic :
        List.of("/camera/head/compressed", "/camera/left/compressed", "/camera/right/compressed")) {
      y.append("    - {match: ")
          .append(topic)
          .append(
              ", type: sensor_msgs/msg/CompressedImage, class: perception, priority: 2,"
                  + " sample: {max_rate_hz: 1}, max_sample_bytes: 256KiB}\n");
    }
    y.append(
        "    - {match: /diagnostics, type: diagnostic_msgs/msg/DiagnosticArray,"
            + " class: diagnostics, priority: 7}\n");
    y.append("buffer:\n  max_bytes: 64GiB\n  batch: {max_bytes: 256KiB, linger_ms: 200}\n");
    y.append("uplink:\n  kafka: {bootstrap_servers: '").append(bootstrap).append("'}\n");
    y.append("  streams:\n");
    for (String s : STREAMS) {
      y.append("    ").append(s).append(": {topic: ").append(prefix).append('.').append(s);
      y.append("}\n");
    }
    y.append("  checkpoint_topic: ").append(prefix).append(".checkpoints\n");
    y.append("http:\n  bind: 127.0.0.1:0\n");
    return y.toString();
  }

  /**
   * {@code bench/outage.sh}: {@code [--seconds S] [--outage S] [--domain D]}; the last line is
   * {@link Result#summary()}. Exit code 0 if nothing was lost or duplicated, 1 otherwise.
   */
  public static void main(String[] args) throws Exception {
    long outage = 1800;
    Long seconds = null;
    int domain = 73;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--outage" -> outage = Long.parseLong(args[++i]);
        case "--domain" -> domain = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: outage [--seconds S] [--outage S] [--domain D]");
          System.exit(2);
        }
      }
    }
    long before = 10;
    long total = seconds != null ? seconds : before + outage + 60;
    Path work = Files.createTempDirectory("eg-outage-bench");
    int exit;
    try {
      Result r =
          run(
              new Options(
                  Duration.ofSeconds(before),
                  Duration.ofSeconds(outage),
                  Duration.ofSeconds(total),
                  Duration.ofSeconds(Math.max(600, 2 * outage)),
                  domain,
                  work,
                  System.out,
                  Duration.ofSeconds(outage > 300 ? 60 : 10)));
      System.out.printf(
          Locale.ROOT,
          "published=%d received=%d sealed_records=%d kafka_records=%d intake_dropped=%d"
              + " append_lost=%d left_queued=%d gaps=%d%n",
          r.published(),
          r.received(),
          r.sealedRecords(),
          r.kafkaRecords(),
          r.intakeDropped(),
          r.appendLost(),
          r.leftQueued(),
          r.gaps());
      System.out.println(r.summary());
      exit = r.lost() == 0 && r.duplicates() == 0 && r.leftQueued() == 0 ? 0 : 1;
    } finally {
      deleteRecursively(work);
    }
    System.exit(exit);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
