package io.edgegateway.bench.e2e;

import io.edgegateway.testkit.sim.HumanoidProfile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last phase of a run: measures every stage's {@link Ceilings ceiling} (ddsperf and raw
 * Fast-DDS on the two DDS domains after the run's, a bare Kafka producer, sqlite3 and zstd on the
 * delivered batches) and puts them, with the gateway's matching stage rates, into the results.
 */
final class CeilingsPhase {
  private static final Pattern RECEIVED = Pattern.compile("received=(\\d+) bytes=(\\d+)");

  private final Path work;
  private final int domain;
  private final HumanoidProfile profile;
  private final ChildProcesses processes;
  private final PrintStream log;

  CeilingsPhase(
      Path work, int domain, HumanoidProfile profile, ChildProcesses processes, PrintStream log) {
    this.work = work;
    this.domain = domain;
    this.profile = profile;
    this.processes = processes;
    this.log = log;
  }

  /**
   * Measures each ceiling for {@code seconds} on {@code values} (the batches read back) through the
   * broker at {@code bootstrap}; needs {@code sim_seconds} and {@code delivered_bytes} in {@code
   * r}.
   */
  void measure(String bootstrap, List<byte[]> values, double seconds, Map<String, Object> r)
      throws Exception {
    Ceilings c = new Ceilings(work);
    Scenario max = Scenario.named("max");
    int meanSize = (int) Math.round(max.meanMessageBytes(profile));
    log.printf("e2e: ceilings (%.0f s each)%n", seconds);
    long t0 = System.nanoTime();
    Ceilings.Rate dds = c.ddsperf(domain + 1, meanSize, seconds);
    r.put("ddsperf_size", meanSize);
    r.put("ddsperf_msgs_s", dds.perSecond());
    r.put("rawdds_msgs_s", rawFastDds(domain + 2, seconds));
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
    double simSeconds = RunResults.get(r, "sim_seconds", Double.class);
    long delivered = RunResults.get(r, "delivered_bytes", Long.class);
    r.put("queue_bytes_s", delivered / simSeconds);
    r.put("codec_in_bytes_s", total > 0 ? delivered * ((double) raw / total) / simSeconds : 0);
  }

  /** Messages per second a bare Fast-DDS subscriber receives from the {@code max} simulator. */
  private double rawFastDds(int domain, double seconds) throws Exception {
    Path sinkLog = work.resolve("sink.log");
    Process sink =
        processes.startJava(
            "io.edgegateway.bench.e2e.RawDdsSink",
            sinkLog,
            "max",
            Integer.toString(domain),
            Double.toString(seconds + 60));
    try {
      ChildProcesses.awaitLine(sink, sinkLog, "ready");
      Path simLog = work.resolve("sim-raw.log");
      Process sim =
          processes.startJava(
              "io.edgegateway.bench.e2e.E2eSimulator",
              simLog,
              "max",
              Integer.toString(domain),
              Double.toString(seconds),
              "1"); // the raw sink's reader
      if (!sim.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
        sim.destroyForcibly();
        throw new IllegalStateException("raw simulator did not finish");
      }
      TimeUnit.MILLISECONDS.sleep(700);
      Matcher p = E2eSimulator.SUMMARY.matcher(Files.readString(simLog));
      long received = 0;
      Matcher m = RECEIVED.matcher(Files.readString(sinkLog));
      while (m.find()) {
        received = Long.parseLong(m.group(1));
      }
      if (!p.find()) {
        throw new IllegalStateException(
            "raw Fast-DDS publisher printed no summary: " + ChildProcesses.tail(simLog));
      }
      return received / Double.parseDouble(p.group(4));
    } finally {
      sink.destroy();
      sink.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
