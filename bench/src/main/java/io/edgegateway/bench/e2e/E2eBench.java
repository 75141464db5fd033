package io.edgegateway.bench.e2e;

import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark behind {@code bench/e2e.sh}: simulated humanoid → DDS → the daemon (a
 * separate process) → SQLite → an embedded Kafka broker (in this process), with the ceilings of
 * every stage measured in the same run. See docs/benchmarks.md for the phases and definitions.
 *
 * <p>Usage: {@code E2eBench --scenario humanoid-1|humanoid-1x10|max|many-topics [--seconds S]
 * [--home DIR] [--out DIR] [--daemon launcher|classpath] [--domain N]}. The last line printed is
 * {@code scenario=… ingest_ratio=… uplink_ratio=… cpu_pct=… rss_mb=… loss=…}.
 *
 * <p>This class runs the phases in order: broker up, daemon ({@link ChildProcesses}) ready and
 * sampled ({@link DaemonSampler}), simulator publishing, broker stopped for the last third, broker
 * restarted and the backlog drained, then read-back ({@link KafkaReadBack}), {@link PhaseSummary
 * summaries}, {@link CeilingsPhase ceilings}, the {@link SummaryReport stage table} and the {@link
 * ResultFiles result files}.
 */
public final class E2eBench {
  private static final long DRAIN_TIMEOUT_S = 180;

  private final E2eOptions o;
  private final PrintStream log;
  private final HumanoidProfile profile = HumanoidProfile.humanoid1();
  private final Path work;
  private final ChildProcesses processes;

  E2eBench(E2eOptions o, PrintStream log) throws IOException {
    this.o = o;
    this.log = log;
    this.work = Files.createTempDirectory("eg-e2e-");
    this.processes = new ChildProcesses(o, work, log);
  }

  /** Runs one scenario; see the class description for the arguments. */
  public static void main(String[] args) throws Exception {
    E2eOptions o;
    try {
      o = E2eOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("e2e: " + e.getMessage());
      System.err.println(
          "usage: bench/e2e.sh --scenario humanoid-1|humanoid-1x10|max|many-topics [--seconds S] [--warmup W]");
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
    SampleSeries samples = new SampleSeries();
    String lastMetricsText = "";
    r.put("scenario", sc.name());
    r.put("capture", o.capture());
    r.put("shared_memory", Scenario.sharedMemory());
    r.put("seconds", o.seconds());
    r.put("warmup_s", o.warmup());
    r.put("date", java.time.Instant.now().toString());
    r.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
    log.printf("e2e: %s for %.0f s, work dir %s%n", sc.name(), o.seconds(), work);
    double healthySeconds = o.seconds() * 2 / 3;
    double ceilingSeconds = Math.max(1, Math.min(10, o.seconds() / 5));
    long rcvbufBefore = DdsLossReport.rcvbufErrors();
    long startNanos = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      for (String stream : Scenario.STREAMS) {
        kafka.createTopic(Scenario.topicOf(stream), 1, false);
      }
      kafka.createTopic(Scenario.CHECKPOINT_TOPIC, 1, true);
      kafka.createTopic("bench.bare", 1, false);
      int httpPort = freePort();
      DaemonHttp http = new DaemonHttp(httpPort);
      Path config = work.resolve("gateway.yaml");
      log.printf("e2e: t=%.1fs broker up%n", (System.nanoTime() - startNanos) / 1e9);
      Files.writeString(
          config,
          sc.configYaml(
              sc.profile(),
              o.domain(),
              work.resolve("data"),
              kafka.bootstrapServers(),
              httpPort,
              o.capture()));
      RunClock clock = new RunClock();
      Process daemon = processes.startDaemon(config);
      DaemonSampler sampler = new DaemonSampler(http, clock, samples).start(daemon.pid());
      long published;
      double simSeconds;
      double outageStart;
      double simEnd;
      double restartAt;
      DaemonSample windowStart;
      DaemonSample windowEnd;
      PromText healthy;
      PromText last;
      List<RawSubscriberAlongside.Point> rawPoints = List.of();
      RawSubscriberAlongside raw = null;
      try {
        processes.awaitReady(daemon, http, clock);
        raw = RawSubscriberAlongside.start(processes, work, sc, o.domain(), o.seconds(), clock);
        Process sim =
            processes.startJava(
                "io.edgegateway.bench.e2e.E2eSimulator",
                work.resolve("sim.log"),
                sc.name(),
                Integer.toString(o.domain()),
                Double.toString(o.seconds()),
                "2"); // the daemon's reader and the raw subscriber's alongside
        ChildProcesses.awaitLine(sim, work.resolve("sim.log"), "simulate: started");
        double simStart = clock.now();
        log.printf("e2e: t=%.1fs simulator publishing%n", simStart);
        clock.sleepUntil(simStart + o.warmup());
        windowStart = sampler.sampleNow().orElseThrow(E2eBench::noMetrics).sample();
        sampler.scrapeEvery(DaemonSampler.PROMETHEUS_SECONDS);
        log.printf(
            "e2e: t=%.1fs warm-up over, CPU window open (metrics every %.0f s)%n",
            clock.now(), DaemonSampler.PROMETHEUS_SECONDS);
        clock.sleepUntil(simStart + healthySeconds);
        DaemonSampler.Scraped end = sampler.sampleNow().orElseThrow(E2eBench::noMetrics);
        sampler.scrapeEvery(DaemonSampler.SAMPLE_SECONDS);
        windowEnd = end.sample();
        healthy = end.metrics();
        outageStart = clock.now();
        log.printf(
            "e2e: t=%.1fs broker stopped (uplink outage until the simulator ends)%n", outageStart);
        kafka.stop();
        if (!sim.waitFor((long) o.seconds() + 60, TimeUnit.SECONDS)) {
          sim.destroyForcibly();
          throw new IllegalStateException("simulator did not finish; see " + work);
        }
        simEnd = clock.now();
        raw.close();
        rawPoints = raw.points();
        Matcher m = E2eSimulator.SUMMARY.matcher(Files.readString(work.resolve("sim.log")));
        if (!m.find()) {
          throw new IllegalStateException(
              "simulator printed no summary: " + Files.readString(work.resolve("sim.log")));
        }
        Matcher w = E2eSimulator.MATCHED.matcher(Files.readString(work.resolve("sim.log")));
        if (w.find()) {
          r.put("sim_matched", Boolean.parseBoolean(w.group(1)));
          r.put("sim_match_wait_s", Double.parseDouble(w.group(2)));
        }
        published = Long.parseLong(m.group(1));
        simSeconds = Double.parseDouble(m.group(4));
        r.put("published", published);
        r.put("published_bytes", Long.parseLong(m.group(2)));
        r.put("sim_seconds", simSeconds);
        TimeUnit.MILLISECONDS.sleep(500);
        kafka.start();
        restartAt = clock.now();
        log.printf("e2e: t=%.1fs broker restarted, draining the backlog%n", restartAt);
        awaitDrained(samples, restartAt);
        last = http.scrape().orElseThrow(E2eBench::noMetrics);
        r.put("t_sim_start", simStart);
        r.put("t_outage_start", outageStart);
        r.put("t_sim_end", simEnd);
        r.put("t_restart", restartAt);
      } finally {
        if (raw != null) {
          raw.close();
        }
        sampler.stop();
        processes.stopDaemon(daemon);
      }
      PhaseSummary.live(samples, r, windowStart, windowEnd, healthy, last, simSeconds);
      RawSubscriberAlongside.summarize(rawPoints, r);
      PhaseSummary.drain(samples, r, restartAt);
      List<byte[]> values = KafkaReadBack.read(kafka.bootstrapServers(), r);
      new CeilingsPhase(work, o.domain(), profile, processes, log)
          .measure(kafka.bootstrapServers(), values, ceilingSeconds, r);
      lastMetricsText = http.lastMetricsText();
    }
    String line =
        new SummaryReport(log).finalLine(sc, r)
            + DdsLossReport.report(
                lastMetricsText, rcvbufBefore, DdsLossReport.rcvbufErrors(), r, log)
            + " shared_memory="
            + Scenario.sharedMemory();
    r.put("line", line);
    ResultFiles.write(o, r, samples, lastMetricsText);
    return line;
  }

  /** Waits until the queue is empty after the broker came back and uploads went on. */
  private static void awaitDrained(SampleSeries samples, double restartAt)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_S);
    while (System.nanoTime() - deadline < 0) {
      DaemonSample at = samples.atOrBefore(restartAt);
      DaemonSample lastRow = samples.last();
      if (lastRow.t() > restartAt + 0.5
          && lastRow.queueBatches() == 0
          && lastRow.uplinkBytes() > at.uplinkBytes()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("backlog not drained within " + DRAIN_TIMEOUT_S + " s");
  }

  private static IllegalStateException noMetrics() {
    return new IllegalStateException("the daemon's /metrics did not answer");
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
