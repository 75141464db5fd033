package io.edgegateway.bench.e2e;

import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end-to-end benchmark behind {@code bench/e2e.sh}: simulated humanoid → DDS → the daemon (a
 * separate process) → SQLite → an embedded Kafka broker (in this process), with the ceilings of
 * every stage measured in the same run. See docs/benchmarks.md for the phases and definitions.
 *
 * <p>Usage: {@code E2eBench --scenario humanoid-1|humanoid-1x10|max [--seconds S] [--home DIR]
 * [--out DIR] [--daemon launcher|classpath] [--domain N]}. The last line printed is {@code
 * scenario=… ingest_ratio=… uplink_ratio=… cpu_pct=… rss_mb=… loss=…}.
 */
public final class E2eBench {
  /** JVM options of {@code bin/edge-gateway} when {@code EG_JAVA_OPTS} is not set. */
  static final String LAUNCHER_JAVA_OPTS =
      "-Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch";

  /** The format of the last line; checked by the CI smoke test. */
  static final Pattern FINAL_LINE =
      Pattern.compile(
          "scenario=(humanoid-1|humanoid-1x10|max) ingest_ratio=\\d+\\.\\d{3} uplink_ratio=\\d+\\.\\d{3}"
              + " cpu_pct=\\d+\\.\\d rss_mb=\\d+ loss=-?\\d+");

  private static final double SAMPLE_SECONDS = 0.25;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
  private static final long READY_TIMEOUT_S = 120;
  private static final long DRAIN_TIMEOUT_S = 180;
  private static final long MAX_CEILING_BYTES = 64L * 1024 * 1024;
  private static final Pattern PUBLISHED =
      Pattern.compile("published=(\\d+) bytes=(\\d+) failures=(\\d+) seconds=([0-9.]+)");
  private static final Pattern RECEIVED = Pattern.compile("received=(\\d+) bytes=(\\d+)");

  /** Where and how to run; see the class description. */
  record Options(
      Scenario scenario, double seconds, Path home, Path out, boolean launcher, int domain) {
    static Options parse(String... args) {
      Scenario scenario = null;
      double seconds = 30;
      Path home = Path.of(".").toAbsolutePath().normalize();
      Path out = null;
      boolean launcher = true;
      int domain = 73;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " : missing value");
        }
        String v = args[i + 1];
        switch (args[i]) {
          case "--scenario" -> scenario = Scenario.named(v);
          case "--seconds" -> seconds = Double.parseDouble(v);
          case "--home" -> home = Path.of(v).toAbsolutePath().normalize();
          case "--out" -> out = Path.of(v).toAbsolutePath();
          case "--daemon" -> launcher = !"classpath".equals(v);
          case "--domain" -> domain = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (scenario == null) {
        throw new IllegalArgumentException(
            "--scenario : missing (expected: humanoid-1, humanoid-1x10 or max)");
      }
      if (!(seconds >= 3)) {
        throw new IllegalArgumentException("--seconds : " + seconds + " (expected: >= 3)");
      }
      if (domain < 0 || domain > 229) {
        throw new IllegalArgumentException("--domain : " + domain + " (expected: 0..229)");
      }
      return new Options(
          scenario,
          seconds,
          home,
          out == null ? home.resolve("bench/target/e2e") : out,
          launcher,
          domain);
    }
  }

  /** One sample of the daemon, {@code t} seconds after it was started. */
  record Row(
      double t,
      double received,
      double uplinkBytes,
      double queueBatches,
      double lagSeconds,
      double cpuSeconds,
      double rssMib) {}

  private final Options o;
  private final PrintStream log;
  private final HumanoidProfile profile = HumanoidProfile.humanoid1();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
  private final List<Row> rows = new CopyOnWriteArrayList<>();
  private final Path work;
  private final String javaClassPath = System.getProperty("java.class.path");
  private volatile boolean sampling = true;
  private volatile String lastMetricsText = "";
  private long originNanos;

  E2eBench(Options o, PrintStream log) throws IOException {
    this.o = o;
    this.log = log;
    this.work = Files.createTempDirectory("eg-e2e-");
  }

  /** Runs one scenario; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("e2e: " + e.getMessage());
      System.err.println(
          "usage: bench/e2e.sh --scenario humanoid-1|humanoid-1x10|max [--seconds S]");
      System.exit(2);
      return;
    }
    String line = new E2eBench(o, System.out).run();
    System.out.println(line);
    System.out.flush();
    System.exit(0);
  }

  /** Runs the scenario and returns the summary line. */
  String run() throws Exception {
    try {
      return measure();
    } finally {
      deleteRecursively(work);
    }
  }

  private String measure() throws Exception {
    Scenario sc = o.scenario();
    Files.createDirectories(o.out());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("scenario", sc.name());
    r.put("seconds", o.seconds());
    r.put("date", java.time.Instant.now().toString());
    r.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
    log.printf("e2e: %s for %.0f s, work dir %s%n", sc.name(), o.seconds(), work);
    double healthySeconds = o.seconds() * 2 / 3;
    double ceilingSeconds = Math.max(1, Math.min(10, o.seconds() / 5));
    long startNanos = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      for (String stream : Scenario.STREAMS) {
        kafka.createTopic(Scenario.topicOf(stream), 1, false);
      }
      kafka.createTopic(Scenario.CHECKPOINT_TOPIC, 1, true);
      kafka.createTopic("bench.bare", 1, false);
      int httpPort = freePort();
      Path config = work.resolve("gateway.yaml");
      log.printf("e2e: t=%.1fs broker up%n", (System.nanoTime() - startNanos) / 1e9);
      Files.writeString(
          config,
          sc.configYaml(
              profile, o.domain(), work.resolve("data"), kafka.bootstrapServers(), httpPort));
      originNanos = System.nanoTime();
      Process daemon = startDaemon(config);
      Thread sampler = startSampler(daemon.pid(), httpPort);
      long published;
      double simSeconds;
      double outageStart;
      double simEnd;
      double restartAt;
      PromText healthy;
      PromText last;
      try {
        awaitReady(daemon, httpPort);
        Process sim =
            startJava(
                "io.edgegateway.bench.e2e.E2eSimulator",
                work.resolve("sim.log"),
                sc.name(),
                Integer.toString(o.domain()),
                Double.toString(o.seconds()));
        awaitLine(sim, work.resolve("sim.log"), "simulate: started");
        double simStart = now();
        log.printf("e2e: t=%.1fs simulator publishing%n", simStart);
        sleepUntil(simStart + healthySeconds);
        healthy = scrape(httpPort).orElseThrow(() -> new IllegalStateException("no metrics"));
        outageStart = now();
        log.printf(
            "e2e: t=%.1fs broker stopped (uplink outage until the simulator ends)%n", outageStart);
        kafka.stop();
        if (!sim.waitFor((long) o.seconds() + 60, TimeUnit.SECONDS)) {
          sim.destroyForcibly();
          throw new IllegalStateException("simulator did not finish; see " + work);
        }
        simEnd = now();
        Matcher m = PUBLISHED.matcher(Files.readString(work.resolve("sim.log")));
        if (!m.find()) {
          throw new IllegalStateException(
              "simulator printed no summary: " + Files.readString(work.resolve("sim.log")));
        }
        published = Long.parseLong(m.group(1));
        simSeconds = Double.parseDouble(m.group(4));
        r.put("published", published);
        r.put("published_bytes", Long.parseLong(m.group(2)));
        r.put("sim_seconds", simSeconds);
        TimeUnit.MILLISECONDS.sleep(500);
        kafka.start();
        restartAt = now();
        log.printf("e2e: t=%.1fs broker restarted, draining the backlog%n", restartAt);
        awaitDrained(restartAt);
        last = scrape(httpPort).orElseThrow(() -> new IllegalStateException("no metrics"));
        r.put("t_sim_start", simStart);
        r.put("t_outage_start", outageStart);
        r.put("t_sim_end", simEnd);
        r.put("t_restart", restartAt);
      } finally {
        sampling = false;
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        stopDaemon(daemon);
      }
      summariseLive(r, healthy, last, simSeconds, outageStart);
      summariseDrain(r, restartAt);
      List<byte[]> values = readBack(kafka.bootstrapServers(), r);
      ceilings(kafka.bootstrapServers(), values, ceilingSeconds, r);
    }
    String line = finalLine(r);
    r.put("line", line);
    writeResults(r);
    return line;
  }

  // ---------------------------------------------------------------- processes

  private Process startDaemon(Path config) throws IOException {
    String opts = Optional.ofNullable(System.getenv("EG_JAVA_OPTS")).orElse(LAUNCHER_JAVA_OPTS);
    String jfr = System.getenv("EG_BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      opts += " -XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true";
    }
    ProcessBuilder pb;
    if (o.launcher()) {
      pb =
          new ProcessBuilder(
              o.home().resolve("bin/edge-gateway").toString(),
              "run",
              "--config",
              config.toString());
      pb.environment().put("EG_JAVA_OPTS", opts);
    } else {
      List<String> cmd = new ArrayList<>();
      cmd.add(javaBinary());
      cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
      cmd.addAll(
          List.of(
              "-Duser.home=" + stateDir(),
              "-cp",
              javaClassPath,
              "io.edgegateway.daemon.cli.EdgeGatewayCli",
              "run",
              "--config",
              config.toString()));
      pb = new ProcessBuilder(cmd);
    }
    pb.redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile());
    Process p = pb.start();
    log.printf(
        "e2e: daemon started, pid %d (%s)%n",
        p.pid(), o.launcher() ? "bin/edge-gateway" : "classpath");
    return p;
  }

  private Process startJava(String mainClass, Path out, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBinary(),
                "-Xmx512m",
                "-Duser.home=" + stateDir(),
                "-cp",
                javaClassPath,
                mainClass));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String stateDir() {
    String s = System.getenv("EG_STATE_DIR");
    if (s != null && !s.isBlank()) {
      return s;
    }
    return Path.of(System.getProperty("user.home"), ".cache", "edge-gateway").toString();
  }

  private void awaitReady(Process daemon, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
    while (System.nanoTime() - deadline < 0) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("daemon exited: " + tail(work.resolve("daemon.log")));
      }
      try {
        HttpResponse<String> resp =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(HTTP_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() == 200) {
          log.printf("e2e: t=%.1fs daemon ready%n", now());
          TimeUnit.SECONDS.sleep(1);
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("daemon not ready: " + tail(work.resolve("daemon.log")));
  }

  private static void awaitLine(Process p, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
    while (!Files.readString(log).contains(text)) {
      if (System.nanoTime() - deadline > 0 || !p.isAlive()) {
        throw new IllegalStateException("no '" + text + "' from " + log + ": " + tail(log));
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private void stopDaemon(Process daemon) throws InterruptedException {
    daemon.destroy();
    if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
      log.println("e2e: daemon did not stop within 60 s, killing it");
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Thread startSampler(long pid, int port) {
    Thread t =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (sampling) {
                Optional<PromText> m = scrape(port);
                double cpu = ProcStats.cpuSeconds(pid);
                double rss = ProcStats.rssMib(pid);
                m.ifPresent(
                    p ->
                        rows.add(
                            new Row(
                                now(),
                                p.sum("gateway_bus_messages_received_total"),
                                p.sum("gateway_uplink_bytes_total"),
                                p.sum("gateway_queue_batches"),
                                p.max("gateway_uplink_lag_seconds"),
                                cpu,
                                rss)));
                next += (long) (SAMPLE_SECONDS * 1e9);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            },
            "e2e-sampler");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private Optional<PromText> scrape(int port) {
    try {
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(HTTP_TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        return Optional.empty();
      }
      lastMetricsText = resp.body();
      return Optional.of(PromText.parse(resp.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Waits until the queue is empty after the broker came back and uploads went on. */
  private void awaitDrained(double restartAt) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_S);
    while (System.nanoTime() - deadline < 0) {
      Row at = rowAtOrBefore(restartAt);
      Row lastRow = rows.get(rows.size() - 1);
      if (lastRow.t() > restartAt + 0.5
          && lastRow.queueBatches() == 0
          && lastRow.uplinkBytes() > at.uplinkBytes()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("backlog not drained within " + DRAIN_TIMEOUT_S + " s");
  }

  // ---------------------------------------------------------------- summaries

  private void summariseLive(
      Map<String, Object> r,
      PromText healthy,
      PromText last,
      double simSeconds,
      double outageStart) {
    double simStart = (double) r.get("t_sim_start");
    Row a = rowAtOrAfter(simStart + Math.min(1.0, (outageStart - simStart) / 4));
    Row b = rowAtOrBefore(outageStart);
    double dt = b.t() - a.t();
    r.put("live_window_s", dt);
    r.put("cpu_pct", 100 * (b.cpuSeconds() - a.cpuSeconds()) / dt);
    r.put(
        "rss_mb",
        rows.stream()
            .filter(x -> x.t() <= (double) r.get("t_sim_end"))
            .mapToDouble(Row::rssMib)
            .max()
            .orElse(0));
    r.put("uplink_live_bytes_s", (b.uplinkBytes() - a.uplinkBytes()) / dt);
    r.put(
        "lag_max_s",
        rows.stream()
            .filter(x -> x.t() >= a.t() && x.t() <= b.t())
            .mapToDouble(Row::lagSeconds)
            .max()
            .orElse(0));
    r.put("commit_p50_ms", 1000 * healthy.max("gateway_uplink_commit_seconds", "quantile", "0.5"));
    r.put("commit_p99_ms", 1000 * healthy.max("gateway_uplink_commit_seconds", "quantile", "0.99"));
    double count = healthy.sum("gateway_uplink_commit_seconds_count");
    r.put("commits", count);
    r.put(
        "commit_mean_ms",
        count > 0 ? 1000 * healthy.sum("gateway_uplink_commit_seconds_sum") / count : 0);
    r.put("commit_max_ms", 1000 * healthy.max("gateway_uplink_commit_seconds_max"));
    double received = last.sum("gateway_bus_messages_received_total");
    double intakeFull = last.sum("gateway_sampler_dropped_total", "reason", "intake_full");
    double policy = last.sumExcept("gateway_sampler_dropped_total", "reason", "intake_full");
    r.put("received", (long) received);
    r.put("dropped_policy", (long) policy);
    r.put("dropped_intake_full", (long) intakeFull);
    r.put("append_lost", (long) last.sum("gateway_queue_append_lost_records_total"));
    r.put("ingest_msgs_s", received / simSeconds);
  }

  private void summariseDrain(Map<String, Object> r, double restartAt) {
    Row at = rowAtOrBefore(restartAt);
    Row idle = at;
    Row empty = null;
    for (Row x : rows) {
      if (x.t() < restartAt) {
        continue;
      }
      if (x.uplinkBytes() <= at.uplinkBytes()) {
        idle = x;
      } else if (x.queueBatches() == 0) {
        empty = x;
        break;
      }
    }
    if (empty == null) {
      empty = rows.get(rows.size() - 1);
    }
    double drainS = Math.max(SAMPLE_SECONDS, empty.t() - idle.t());
    double backlogS = (double) r.get("t_sim_end") - (double) r.get("t_outage_start");
    r.put("reconnect_s", idle.t() - restartAt);
    r.put("drain_s", drainS);
    r.put("backlog_s", backlogS);
    r.put("drain_bytes", empty.uplinkBytes() - at.uplinkBytes());
    r.put("drain_bytes_s", (empty.uplinkBytes() - at.uplinkBytes()) / drainS);
    r.put("drain_x", backlogS / drainS);
  }

  private List<byte[]> readBack(String bootstrap, Map<String, Object> r) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            32 * 1024 * 1024,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
            64 * 1024 * 1024);
    List<byte[]> values = new ArrayList<>();
    long kept = 0;
    long batches = 0;
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          Scenario.STREAMS.stream().map(s -> new TopicPartition(Scenario.topicOf(s), 0)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (parts.stream().anyMatch(p -> c.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("read-back did not reach the end offsets in 120 s");
        }
        for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
          batches++;
          Header h = rec.headers().lastHeader("eg-records");
          records += h == null ? 0 : Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
          bytes += rec.value().length;
          if (kept + rec.value().length <= MAX_CEILING_BYTES) {
            values.add(rec.value());
            kept += rec.value().length;
          }
        }
      }
    }
    r.put("delivered_batches", batches);
    r.put("delivered", records);
    r.put("delivered_bytes", bytes);
    return values;
  }

  private void ceilings(
      String bootstrap, List<byte[]> values, double seconds, Map<String, Object> r)
      throws Exception {
    Ceilings c = new Ceilings(work);
    Scenario max = Scenario.named("max");
    int meanSize = (int) Math.round(max.meanMessageBytes(profile));
    log.printf("e2e: ceilings (%.0f s each)%n", seconds);
    long t0 = System.nanoTime();
    Ceilings.Rate dds = c.ddsperf(o.domain() + 1, meanSize, seconds);
    r.put("ddsperf_size", meanSize);
    r.put("ddsperf_msgs_s", dds.perSecond());
    r.put("rawdds_msgs_s", rawFastDds(o.domain() + 2, seconds));
    long total = values.stream().mapToLong(v -> v.length).sum();
    Ceilings.Rate bare =
        Ceilings.bareProducer(bootstrap, "bench.bare", values, Math.max(total, 16L * 1024 * 1024));
    r.put("bare_bytes_s", bare.perSecond());
    List<List<Path>> files = c.writeBatches(values);
    r.put("sqlite_bytes_s", c.sqliteBulkInsert(files.get(0)).perSecond());
    long raw = 0;
    for (Path p : files.get(1)) {
      raw += Files.size(p);
    }
    Ceilings.ZstdRun z1 = Ceilings.zstdCli(1, files.get(1));
    Ceilings.ZstdRun z3 = Ceilings.zstdCli(3, files.get(1));
    r.put("zstd1_bytes_s", z1.input().perSecond());
    r.put("zstd3_bytes_s", z3.input().perSecond());
    log.printf("e2e: ceilings took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    r.put("zstd3_ratio", z3.outBytes() > 0 ? (double) raw / z3.outBytes() : 0);
    r.put("gateway_ratio", total > 0 ? (double) raw / total : 0);
    double simSeconds = (double) r.get("sim_seconds");
    long delivered = (long) r.get("delivered_bytes");
    r.put("queue_bytes_s", delivered / simSeconds);
    r.put("codec_in_bytes_s", total > 0 ? delivered * ((double) raw / total) / simSeconds : 0);
  }

  private double rawFastDds(int domain, double seconds) throws Exception {
    Path sinkLog = work.resolve("sink.log");
    Process sink =
        startJava(
            "io.edgegateway.bench.e2e.RawDdsSink",
            sinkLog,
            "max",
            Integer.toString(domain),
            Double.toString(seconds + 60));
    try {
      awaitLine(sink, sinkLog, "ready");
      Path simLog = work.resolve("sim-raw.log");
      Process sim =
          startJava(
              "io.edgegateway.bench.e2e.E2eSimulator",
              simLog,
              "max",
              Integer.toString(domain),
              Double.toString(seconds));
      if (!sim.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
        sim.destroyForcibly();
        throw new IllegalStateException("raw simulator did not finish");
      }
      TimeUnit.MILLISECONDS.sleep(700);
      Matcher p = PUBLISHED.matcher(Files.readString(simLog));
      long received = 0;
      Matcher m = RECEIVED.matcher(Files.readString(sinkLog));
      while (m.find()) {
        received = Long.parseLong(m.group(1));
      }
      if (!p.find()) {
        throw new IllegalStateException(
            "raw Fast-DDS publisher printed no summary: " + tail(simLog));
      }
      return received / Double.parseDouble(p.group(4));
    } finally {
      sink.destroy();
      sink.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String finalLine(Map<String, Object> r) {
    Scenario sc = o.scenario();
    long published = (long) r.get("published");
    long received = (long) r.get("received");
    double ingest =
        sc.fixedRate()
            ? (published > 0 ? (double) received / published : 0)
            : (double) r.get("ingest_msgs_s") / (double) r.get("rawdds_msgs_s");
    double bare = (double) r.get("bare_bytes_s");
    double uplink = bare > 0 ? (double) r.get("drain_bytes_s") / bare : 0;
    long loss = published - (long) r.get("delivered") - (long) r.get("dropped_policy");
    r.put("ingest_ratio", ingest);
    r.put("uplink_ratio", uplink);
    r.put("loss", loss);
    printStages(r);
    return String.format(
        Locale.ROOT,
        "scenario=%s ingest_ratio=%.3f uplink_ratio=%.3f cpu_pct=%.1f rss_mb=%d loss=%d",
        sc.name(),
        ingest,
        uplink,
        (double) r.get("cpu_pct"),
        Math.round((double) r.get("rss_mb")),
        loss);
  }

  private void printStages(Map<String, Object> r) {
    double mb = 1e6;
    log.printf(
        Locale.ROOT,
        "published %d, gateway received %d, dropped by policy %d, intake full %d, delivered %d"
            + " (read_committed, %d batches); lost between DDS and Kafka inside the gateway: %d%n",
        r.get("published"),
        r.get("received"),
        r.get("dropped_policy"),
        r.get("dropped_intake_full"),
        r.get("delivered"),
        r.get("delivered_batches"),
        (long) r.get("received") - (long) r.get("dropped_policy") - (long) r.get("delivered"));
    log.printf(Locale.ROOT, "%-9s %-22s %-40s %s%n", "stage", "gateway", "ceiling", "ratio");
    double ingest = (double) r.get("ingest_msgs_s");
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "ingest",
        String.format(Locale.ROOT, "%.0f msgs/s", ingest),
        String.format(Locale.ROOT, "raw Fast-DDS %.0f msgs/s", (double) r.get("rawdds_msgs_s")),
        ingest / (double) r.get("rawdds_msgs_s"));
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        "",
        "",
        String.format(
            Locale.ROOT,
            "ddsperf %.0f msgs/s at %d B",
            (double) r.get("ddsperf_msgs_s"),
            (int) r.get("ddsperf_size")),
        ingest / Math.max(1, (double) r.get("ddsperf_msgs_s")));
    stage(r, "compress", "codec_in_bytes_s", "zstd -3 CLI", "zstd3_bytes_s");
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s%n",
        "",
        String.format(Locale.ROOT, "ratio %.2fx", (double) r.get("gateway_ratio")),
        String.format(
            Locale.ROOT,
            "zstd -1 CLI %.1f MB/s; -3 ratio %.2fx",
            (double) r.get("zstd1_bytes_s") / mb,
            (double) r.get("zstd3_ratio")));
    stage(r, "queue", "queue_bytes_s", "sqlite3 bulk insert", "sqlite_bytes_s");
    stage(r, "uplink", "drain_bytes_s", "bare Kafka producer", "bare_bytes_s");
    log.printf(
        Locale.ROOT,
        "cpu %.1f %% of one core, rss peak %.0f MiB, commit p50 %.1f ms p99 %.1f ms (%s"
            + " commits), upload lag max %.2f s, backlog of %.1f s drained in %.2f s (%.1fx real"
            + " time, reconnect %.1f s)%n",
        (double) r.get("cpu_pct"),
        (double) r.get("rss_mb"),
        (double) r.get("commit_p50_ms"),
        (double) r.get("commit_p99_ms"),
        r.get("commits"),
        (double) r.get("lag_max_s"),
        (double) r.get("backlog_s"),
        (double) r.get("drain_s"),
        (double) r.get("drain_x"),
        (double) r.get("reconnect_s"));
  }

  private void stage(Map<String, Object> r, String name, String gw, String ceilName, String ceil) {
    double g = (double) r.get(gw);
    double c = (double) r.get(ceil);
    log.printf(
        Locale.ROOT,
        "%-9s %-22s %-40s %.3f%n",
        name,
        String.format(Locale.ROOT, "%.2f MB/s", g / 1e6),
        String.format(Locale.ROOT, "%s %.1f MB/s", ceilName, c / 1e6),
        c > 0 ? g / c : 0);
  }

  private void writeResults(Map<String, Object> r) throws IOException {
    Properties p = new Properties();
    r.forEach((k, v) -> p.put(k, String.valueOf(v)));
    String name = o.scenario().name();
    try (var w = Files.newBufferedWriter(o.out().resolve(name + ".properties"))) {
      p.store(w, "bench/e2e.sh --scenario " + name);
    }
    StringBuilder csv =
        new StringBuilder("t,received,uplink_bytes,queue_batches,lag_s,cpu_s,rss_mib\n");
    for (Row x : rows) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.3f,%.0f,%.0f,%.0f,%.3f,%.2f,%.1f%n",
              x.t(),
              x.received(),
              x.uplinkBytes(),
              x.queueBatches(),
              x.lagSeconds(),
              x.cpuSeconds(),
              x.rssMib()));
    }
    Files.writeString(o.out().resolve(name + ".csv"), csv);
    Files.writeString(o.out().resolve(name + ".metrics.txt"), lastMetricsText);
    PngChart.render(
        rows,
        (double) r.get("t_sim_start"),
        (double) r.get("t_outage_start"),
        (double) r.get("t_restart"),
        "bench/e2e.sh --scenario " + name + " --seconds " + Math.round(o.seconds()),
        o.out().resolve("e2e-" + name + ".png"));
  }

  // ---------------------------------------------------------------- helpers

  private double now() {
    return (System.nanoTime() - originNanos) / 1e9;
  }

  private void sleepUntil(double t) throws InterruptedException {
    double left = t - now();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep((long) (left * 1e9));
    }
  }

  private Row rowAtOrBefore(double t) {
    Row best = rows.get(0);
    for (Row x : rows) {
      if (x.t() <= t) {
        best = x;
      }
    }
    return best;
  }

  private Row rowAtOrAfter(double t) {
    return rows.stream().filter(x -> x.t() >= t).findFirst().orElse(rows.get(rows.size() - 1));
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
