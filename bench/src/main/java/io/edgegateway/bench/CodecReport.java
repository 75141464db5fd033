package io.edgegateway.bench;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchFormatException;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.DictionaryStore;
import io.edgegateway.core.codec.StreamDictionary;
import io.edgegateway.core.codec.StreamEncoding;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.testkit.cdr.SensorNoise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Compression report: humanoid-1 samples cut into batches like the daemon's defaults (256 KiB or
 * 200 ms), encoded by {@link BatchCodec} plain and columnar, compared with the {@code zstd -3} CLI
 * on the same bytes. Prints one table row per load and codec (telemetry also with {@link
 * SensorNoise#typical()}), then {@code codec_ratio=} and {@code codec_ratio_noisy=} lines.
 *
 * <p>Then a second table for trained zstd dictionaries: humanoid-1 telemetry of {@code 2 ×
 * seconds}; the first half trains the stream's dictionary through {@link StreamDictionary} (as the
 * daemon does), the second half is measured, cut into batches of 200, 50 and 10 ms. Prints {@code
 * codec_dict_ratio_<ms>ms=} lines (columnar codec with the dictionary vs {@code zstd -3}).
 *
 * <p>Usage: {@code CodecReport [seconds]} (default 5).
 */
public final class CodecReport {
  private static final long MAX_BATCH_BYTES = 256 * 1024;
  private static final long LINGER_NS = 200_000_000L;

  private CodecReport() {}

  /** Runs the report; exits non-zero if a round trip is not bit-exact. */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
    Path dir = Files.createTempDirectory("eg-codec-report");
    try {
      System.out.printf(
          Locale.ROOT,
          "| load | seconds | batches | samples | CDR bytes | zstd -3 CLI bytes | plain codec bytes |"
              + " columnar codec bytes | columnar vs zstd -3 | columnar vs plain |%n");
      System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|---|---|%n");
      double telemetryRatio =
          row("telemetry", seconds, EnumSet.of(TrafficClass.TELEMETRY), SensorNoise.NONE, dir);
      row("all classes", seconds, EnumSet.allOf(TrafficClass.class), SensorNoise.NONE, dir);
      double noisyRatio =
          row(
              "telemetry, typical sensor noise",
              seconds,
              EnumSet.of(TrafficClass.TELEMETRY),
              SensorNoise.typical(),
              dir);
      System.out.printf(
          Locale.ROOT,
          "codec_ratio=%.2f (columnar codec vs zstd -3 on humanoid-1 telemetry, target >= 1.30)%n",
          telemetryRatio);
      System.out.printf(
          Locale.ROOT,
          "codec_ratio_noisy=%.2f (the same with typical sensor noise: IMU noise density and bias"
              + " walk, 14-bit encoders, force/torque noise)%n",
          noisyRatio);
      System.out.printf(Locale.ROOT, "%n");
      System.out.printf(
          Locale.ROOT,
          "| telemetry batches of | batches | samples | CDR bytes | zstd -3 CLI bytes | plain codec"
              + " bytes | columnar codec bytes | columnar + dictionary bytes | dictionary bytes |"
              + " columnar vs zstd -3 | columnar + dictionary vs zstd -3 | dictionary gain |%n");
      System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|---|---|---|---|%n");
      List<String> summary = new ArrayList<>();
      for (long lingerMs : new long[] {200, 50, 10}) {
        double ratio = dictionaryRow(seconds, lingerMs, dir);
        summary.add(String.format(Locale.ROOT, "codec_dict_ratio_%dms=%.2f", lingerMs, ratio));
      }
      System.out.printf(
          Locale.ROOT,
          "%s (columnar codec + trained dictionary vs zstd -3, humanoid-1 telemetry)%n",
          String.join(" ", summary));
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Trains a dictionary on the first {@code seconds} of telemetry cut into {@code lingerMs}
   * batches, then measures the next {@code seconds}; returns columnar + dictionary vs zstd -3.
   */
  private static double dictionaryRow(double seconds, long lingerMs, Path dir)
      throws IOException, InterruptedException, BatchFormatException {
    List<Envelope> all = HumanoidLoad.telemetry(2 * seconds);
    long split = HumanoidLoad.ORIGIN_NS + (long) (seconds * 1e9);
    List<Envelope> training = new ArrayList<>();
    List<Envelope> measured = new ArrayList<>();
    for (Envelope e : all) {
      (e.receiveStampNs() < split ? training : measured).add(e);
    }
    long lingerNs = lingerMs * 1_000_000L;
    List<List<Envelope>> trainingBatches = cut(training, lingerNs);
    List<List<Envelope>> batches = cut(measured, lingerNs);
    Path run = Files.createDirectories(dir.resolve("dict-" + lingerMs + "ms"));
    DictionaryStore store = DictionaryStore.open(run.resolve("dictionaries"));
    StreamDictionary dictionary =
        StreamDictionary.trained("telemetry", store, trainingBatches.size(), 64 * 1024);
    BatchLineage lineage = new BatchLineage("fw", "model", "run", Map.of());
    BatchCodec withDictionary =
        new BatchCodec(
            "robot-1",
            "bench",
            lineage,
            3,
            type -> "",
            stream -> new StreamEncoding(true, Optional.of(dictionary)));
    long seq = 0;
    for (List<Envelope> batch : trainingBatches) {
      withDictionary.seal("telemetry", ++seq, 5, 0, batch);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (dictionary.active().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no dictionary trained within 120 s");
      }
      Thread.sleep(50);
    }
    ZstdDictionary trained = dictionary.active().orElseThrow();
    BatchCodec plain = new BatchCodec("robot-1", "bench", lineage, 3, false);
    BatchCodec columnar = new BatchCodec("robot-1", "bench", lineage, 3, true);
    long samples = 0;
    long cdr = 0;
    long plainBytes = 0;
    long columnarBytes = 0;
    long dictionaryBytes = 0;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      List<Envelope> batch = batches.get(i);
      ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
      for (Envelope e : batch) {
        concatenated.write(e.payload());
      }
      samples += batch.size();
      cdr += concatenated.size();
      Path file = run.resolve(i + ".cdr");
      Files.write(file, concatenated.toByteArray());
      files.add(file);
      plainBytes += plain.seal("telemetry", ++seq, 5, 0, batch).payload().length;
      columnarBytes += columnar.seal("telemetry", seq, 5, 0, batch).payload().length;
      byte[] sealed = withDictionary.seal("telemetry", seq, 5, 0, batch).payload();
      if (BatchCodec.dictionaryId(sealed) != trained.id()) {
        throw new IllegalStateException("batch not compressed with the trained dictionary");
      }
      dictionaryBytes += sealed.length;
      verify(batch, BatchCodec.decode(sealed, store));
    }
    long cli = zstdCli(files);
    double ratio = (double) cli / dictionaryBytes;
    System.out.printf(
        Locale.ROOT,
        "| %d ms | %d | %d | %d | %d | %d | %d | %d | %d | %.2fx | %.2fx | %.2fx |%n",
        lingerMs,
        batches.size(),
        samples,
        cdr,
        cli,
        plainBytes,
        columnarBytes,
        dictionaryBytes,
        trained.size(),
        (double) cli / columnarBytes,
        ratio,
        (double) columnarBytes / dictionaryBytes);
    return ratio;
  }

  private static double row(
      String name, double seconds, Set<TrafficClass> classes, SensorNoise noise, Path dir)
      throws IOException, InterruptedException, BatchFormatException {
    List<List<Envelope>> batches = cut(HumanoidLoad.generate(seconds, classes, noise), LINGER_NS);
    BatchLineage lineage = new BatchLineage("fw", "model", "run", Map.of());
    BatchCodec plain = new BatchCodec("robot-1", "bench", lineage, 3, false);
    BatchCodec columnar = new BatchCodec("robot-1", "bench", lineage, 3, true);
    long samples = 0;
    long cdr = 0;
    long plainBytes = 0;
    long columnarBytes = 0;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      List<Envelope> batch = batches.get(i);
      ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
      for (Envelope e : batch) {
        concatenated.write(e.payload());
      }
      samples += batch.size();
      cdr += concatenated.size();
      Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + "-" + i + ".cdr");
      Files.write(file, concatenated.toByteArray());
      files.add(file);
      plainBytes += plain.seal("s", i + 1, 5, 0, batch).payload().length;
      byte[] sealed = columnar.seal("s", i + 1, 5, 0, batch).payload();
      columnarBytes += sealed.length;
      verify(batch, BatchCodec.decode(sealed));
    }
    long cli = zstdCli(files);
    double ratio = (double) cli / columnarBytes;
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %d | %d | %d | %d | %d | %d | %.2fx | %.2fx |%n",
        name,
        seconds,
        batches.size(),
        samples,
        cdr,
        cli,
        plainBytes,
        columnarBytes,
        ratio,
        (double) plainBytes / columnarBytes);
    return ratio;
  }

  /**
   * Batches as the daemon would seal them: at 256 KiB of payload or {@code lingerNs} after the
   * first.
   */
  private static List<List<Envelope>> cut(List<Envelope> all, long lingerNs) {
    List<List<Envelope>> batches = new ArrayList<>();
    List<Envelope> open = new ArrayList<>();
    long bytes = 0;
    for (Envelope e : all) {
      if (!open.isEmpty() && e.receiveStampNs() - open.get(0).receiveStampNs() >= lingerNs) {
        batches.add(open);
        open = new ArrayList<>();
        bytes = 0;
      }
      open.add(e);
      bytes += e.size();
      if (bytes >= MAX_BATCH_BYTES) {
        batches.add(open);
        open = new ArrayList<>();
        bytes = 0;
      }
    }
    if (!open.isEmpty()) {
      batches.add(open);
    }
    return batches;
  }

  private static void verify(List<Envelope> batch, TelemetryBatch decoded) {
    List<Record> records = decoded.getRecordsList();
    for (int i = 0; i < batch.size(); i++) {
      if (!Arrays.equals(batch.get(i).payload(), records.get(i).getPayload().toByteArray())) {
        throw new IllegalStateException("round trip differs at record " + i);
      }
    }
  }

  /** Total size of {@code zstd -3} output, one frame per file, as the CLI writes it. */
  private static long zstdCli(List<Path> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("zstd", "-3", "-q", "-f", "-T1"));
    files.forEach(f -> command.add(f.toString()));
    Process zstd = new ProcessBuilder(command).inheritIO().start();
    if (!zstd.waitFor(120, TimeUnit.SECONDS) || zstd.exitValue() != 0) {
      zstd.destroyForcibly();
      throw new IOException("zstd CLI failed or timed out: " + command.get(0));
    }
    long total = 0;
    for (Path f : files) {
      Path out = Path.of(f + ".zst");
      total += Files.size(out);
    }
    return total;
  }
}
