package io.edgegateway.bench.capture;

import io.edgegateway.bench.HumanoidLoad;
import io.edgegateway.buffer.capture.DiskCaptureRing;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchFormatException;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.BatchSource;
import io.edgegateway.mcap.McapWriter;
import io.edgegateway.mcap.Ros2Export;
import io.edgegateway.ros2.msg.MessageRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The throughput half of {@code bench/capture.sh}, each figure a ratio to a ceiling measured in the
 * same run, in interleaved rounds (ours, ceiling, ours, ceiling, ...), reported as the median:
 *
 * <ul>
 *   <li><b>Ring write</b>: {@code S} seconds of humanoid-1 (every non-control topic, cameras
 *       included) appended to a {@link DiskCaptureRing} and then {@code sync}ed to the disk,
 *       against {@code dd bs=1M conv=fdatasync} writing as many bytes to the same directory. Both
 *       times run until the bytes are on the disk, so the ratio says how close the ring comes to
 *       the disk's sequential write speed.
 *   <li><b>Export</b>: the same samples sealed into batches as the daemon seals them (256 KiB, zstd
 *       level 3), exported to MCAP ({@link Ros2Export}: decode each batch, write zstd chunks with
 *       indexes and a summary, into a discarding stream), against {@code zstd -d} of the very same
 *       batch bytes (to {@code /dev/null}). Both rates are of the batches' decompressed bytes.
 * </ul>
 *
 * <p>Last line: {@code capture_throughput ring_mb_s=… disk_mb_s=… ring_write_ratio=… export_mb_s=…
 * zstd_d_mb_s=… export_ratio=…}.
 */
public final class CaptureThroughputBench {
  private static final int BATCH_BYTES = 256 * 1024;
  private static final long MB = 1_000_000L;

  private final Path dir;
  private final double seconds;
  private final int rounds;
  private final PrintStream log;

  CaptureThroughputBench(Path dir, double seconds, int rounds, PrintStream log) {
    this.dir = dir;
    this.seconds = seconds;
    this.rounds = rounds;
    this.log = log;
  }

  /** {@code --dir D [--seconds S] [--rounds N]}: D on the disk the ring would live on. */
  public static void main(String[] args) throws Exception {
    @Nullable Path dir = null;
    double seconds = 20;
    int rounds = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null || !(seconds > 0) || rounds < 1) {
      System.err.println("usage: CaptureThroughputBench --dir D [--seconds S>0] [--rounds N>=1]");
      System.exit(2);
      return;
    }
    Files.createDirectories(dir);
    System.out.println(new CaptureThroughputBench(dir, seconds, rounds, System.err).run());
  }

  String run() throws IOException, InterruptedException {
    Set<TrafficClass> classes = EnumSet.allOf(TrafficClass.class);
    classes.remove(TrafficClass.CONTROL);
    List<Envelope> samples = HumanoidLoad.generate(seconds, classes);
    long payloadBytes = samples.stream().mapToLong(e -> e.payload().length).sum();
    log.printf(
        Locale.ROOT,
        "capture: %d samples, %.1f MB of CDR (%.0f s of humanoid-1)%n",
        samples.size(),
        payloadBytes / 1e6,
        seconds);
    List<byte[]> batches = seal(samples);
    long batchBytes = decompressedBytes(batches);
    Path frames = dir.resolve("batches.zst");
    try (OutputStream out = Files.newOutputStream(frames)) {
      for (byte[] b : batches) {
        out.write(b);
      }
    }
    double[] ring = new double[rounds];
    double[] disk = new double[rounds];
    double[] export = new double[rounds];
    double[] zstd = new double[rounds];
    ringWrite(samples, payloadBytes, -1);
    export(batches, batchBytes);
    log.println("capture: warm-up round done (not counted)");
    for (int i = 0; i < rounds; i++) {
      ring[i] = ringWrite(samples, payloadBytes, i);
      disk[i] = ddWrite(payloadBytes);
      export[i] = export(batches, batchBytes);
      zstd[i] = zstdDecompress(frames, batchBytes);
      log.printf(
          Locale.ROOT,
          "capture: round %d ring %.1f MB/s, dd %.1f MB/s, export %.1f MB/s, zstd -d %.1f MB/s%n",
          i + 1,
          ring[i],
          disk[i],
          export[i],
          zstd[i]);
    }
    Files.deleteIfExists(frames);
    double ringMbs = median(ring);
    double diskMbs = median(disk);
    double exportMbs = median(export);
    double zstdMbs = median(zstd);
    return String.format(
        Locale.ROOT,
        "capture_throughput ring_mb_s=%.1f disk_mb_s=%.1f ring_write_ratio=%.3f"
            + " export_mb_s=%.1f zstd_d_mb_s=%.1f export_ratio=%.3f",
        ringMbs,
        diskMbs,
        median(ratios(ring, disk)),
        exportMbs,
        zstdMbs,
        median(ratios(export, zstd)));
  }

  /** Appends every sample, flushes, and syncs the ring's file system; MB/s of CDR bytes. */
  private double ringWrite(List<Envelope> samples, long payloadBytes, int round)
      throws IOException, InterruptedException {
    Path ringDir = dir.resolve("ring-" + (round + 1));
    AtomicLong dropped = new AtomicLong();
    long start = System.nanoTime();
    try (DiskCaptureRing ring =
        DiskCaptureRing.open(
            ringDir, 64L << 30, Duration.ofDays(1), (t, reason, n) -> dropped.addAndGet(n))) {
      for (Envelope e : samples) {
        ring.append(e);
      }
      ring.flush();
      command("sync", "--file-system", ringDir.toString());
    }
    long elapsed = System.nanoTime() - start;
    if (dropped.get() != 0) {
      throw new IllegalStateException("ring dropped " + dropped.get() + " samples in the bench");
    }
    deleteTree(ringDir);
    return payloadBytes / (elapsed / 1e9) / MB;
  }

  /** {@code dd} writing as many bytes in 1 MiB blocks, {@code fdatasync} at the end; MB/s. */
  private double ddWrite(long bytes) throws IOException, InterruptedException {
    Path file = dir.resolve("dd.bin");
    long count = Math.max(1, (bytes + (1 << 20) - 1) >> 20);
    long start = System.nanoTime();
    command(
        "dd",
        "if=/dev/zero",
        "of=" + file,
        "bs=1M",
        "count=" + count,
        "conv=fdatasync",
        "status=none");
    long elapsed = System.nanoTime() - start;
    Files.deleteIfExists(file);
    return (count << 20) / (elapsed / 1e9) / MB;
  }

  /** The MCAP export of every batch into a discarding stream; MB/s of decompressed batch bytes. */
  private double export(List<byte[]> batches, long batchBytes) throws IOException {
    Ros2Export export =
        new Ros2Export(
            MessageRegistry.bundled()::fullDefinitionTextOrEmpty,
            McapWriter.Options.ros2("edge-gateway-bench"));
    long start = System.nanoTime();
    Ros2Export.Result result;
    try {
      result =
          export.run(
              new DecodingSource(batches),
              OutputStream.nullOutputStream(),
              Ros2Export.Request.all(null, Map.of()),
              Ros2Export.Progress.NONE,
              () -> false);
    } catch (io.edgegateway.core.port.SourceUnavailableException e) {
      throw new IllegalStateException(e);
    }
    long elapsed = System.nanoTime() - start;
    if (result.messages() == 0 || result.skipped() != 0) {
      throw new IllegalStateException(
          "export wrote " + result.messages() + " messages, skipped " + result.skippedByType());
    }
    return batchBytes / (elapsed / 1e9) / MB;
  }

  /** {@code zstd -d} of the concatenated batch frames to /dev/null; MB/s of decompressed bytes. */
  private double zstdDecompress(Path frames, long batchBytes)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    command("zstd", "-d", "-q", "-f", "-o", "/dev/null", frames.toString());
    long elapsed = System.nanoTime() - start;
    return batchBytes / (elapsed / 1e9) / MB;
  }

  /** The samples sealed into batches of at most {@link #BATCH_BYTES} CDR bytes, as values. */
  private static List<byte[]> seal(List<Envelope> samples) {
    BatchCodec codec = new BatchCodec("bench-capture", "bench", BatchLineage.empty(), 3);
    List<byte[]> out = new ArrayList<>();
    List<Envelope> open = new ArrayList<>();
    long bytes = 0;
    long seq = 0;
    for (Envelope e : samples) {
      open.add(e);
      bytes += e.payload().length;
      if (bytes >= BATCH_BYTES) {
        out.add(sealOne(codec, ++seq, open));
        open.clear();
        bytes = 0;
      }
    }
    if (!open.isEmpty()) {
      out.add(sealOne(codec, ++seq, open));
    }
    return out;
  }

  private static byte[] sealOne(BatchCodec codec, long seq, List<Envelope> samples) {
    SealedBatch b = codec.seal("incidents", seq, 9, samples.get(0).receiveStampNs(), samples);
    return b.payload();
  }

  private static long decompressedBytes(List<byte[]> batches) {
    long total = 0;
    for (byte[] b : batches) {
      total += com.github.luben.zstd.Zstd.getFrameContentSize(b);
    }
    return total;
  }

  private static double[] ratios(double[] ours, double[] ceiling) {
    double[] r = new double[ours.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = ours[i] / ceiling[i];
    }
    return r;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void command(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd[0] + " did not finish in 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(cmd[0] + " exited " + p.exitValue());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The batch values as a {@link BatchSource}, decoded one poll at a time as Kafka's are. */
  private static final class DecodingSource implements BatchSource {
    private final List<byte[]> values;
    private int next;

    DecodingSource(List<byte[]> values) {
      this.values = values;
    }

    @Override
    public List<TelemetryBatch> poll(Duration timeout) {
      List<TelemetryBatch> out = new ArrayList<>();
      for (int i = 0; i < 16 && next < values.size(); i++) {
        try {
          out.add(BatchCodec.decode(values.get(next++)));
        } catch (BatchFormatException e) {
          throw new UncheckedIOException(new IOException(e));
        }
      }
      return out;
    }

    @Override
    public boolean exhausted() {
      return next >= values.size();
    }

    @Override
    public double fractionRead() {
      return values.isEmpty() ? 1 : (double) next / values.size();
    }

    @Override
    public void close() {}
  }
}
