package io.edgegateway.bench.e2e;

import com.github.luben.zstd.Zstd;
import io.edgegateway.uplink.UntransactedProducerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceilings {@code bench/e2e.sh} compares each gateway stage with, measured on the same machine
 * in the same run: ddsperf (Cyclone) loopback, a bare Kafka producer, the {@code sqlite3} and
 * {@code zstd} command-line tools on the batches the gateway delivered.
 */
final class Ceilings {
  /** A throughput: {@code units} (messages or bytes) in {@code seconds}. */
  record Rate(double units, double seconds) {
    double perSecond() {
      return seconds > 0 ? units / seconds : 0;
    }
  }

  private static final Pattern DDSPERF_TOTAL = Pattern.compile("size \\d+ total (\\d+) lost");
  private static final long PROCESS_TIMEOUT_S = 300;

  private final Path work;

  Ceilings(Path work) {
    this.work = work;
  }

  /**
   * ddsperf best-effort loopback between two processes: {@code sub} counts what {@code pub} sends
   * as fast as it can for {@code seconds} with samples of {@code size} bytes.
   */
  Rate ddsperf(int domain, int size, double seconds) throws IOException, InterruptedException {
    int secs = (int) Math.max(1, Math.round(seconds));
    Path subOut = work.resolve("ddsperf-sub.txt");
    Process sub =
        new ProcessBuilder(
                "ddsperf",
                "-u",
                "-D",
                Integer.toString(secs + 3),
                "-i",
                Integer.toString(domain),
                "sub")
            .redirectErrorStream(true)
            .redirectOutput(subOut.toFile())
            .start();
    try {
      TimeUnit.MILLISECONDS.sleep(500);
      run(
          List.of(
              "ddsperf",
              "-u",
              "-D",
              Integer.toString(secs),
              "-i",
              Integer.toString(domain),
              "pub",
              "size",
              Integer.toString(size)),
          work.resolve("ddsperf-pub.txt"));
      // The subscriber prints its totals every second; one more line after the publisher ends.
      sub.waitFor(1500, TimeUnit.MILLISECONDS);
    } finally {
      sub.destroy();
      sub.waitFor(10, TimeUnit.SECONDS);
    }
    long total = 0;
    Matcher m = DDSPERF_TOTAL.matcher(Files.readString(subOut));
    while (m.find()) {
      total = Math.max(total, Long.parseLong(m.group(1)));
    }
    return new Rate(total, secs);
  }

  /**
   * A plain (idempotent, not transactional) Kafka producer sending {@code values} to {@code topic}
   * as fast as it can, repeated until at least {@code minBytes} went out; same record sizes, acks,
   * linger and batch size as the gateway's producer.
   */
  static Rate bareProducer(String bootstrap, String topic, List<byte[]> values, long minBytes) {
    Map<String, Object> config = UntransactedProducerConfig.of(bootstrap, Map.of());
    long sent = 0;
    long start;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic);
      start = System.nanoTime();
      while (sent < minBytes) {
        for (byte[] v : values) {
          producer.send(new ProducerRecord<>(topic, v));
          sent += v.length;
        }
      }
      producer.flush();
      return new Rate(sent, (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * The {@code sqlite3} CLI inserting every blob (read with {@code readfile}) in one transaction
   * into a fresh WAL database with {@code synchronous=NORMAL}, the gateway's {@code process}
   * durability.
   */
  Rate sqliteBulkInsert(List<Path> blobs) throws IOException, InterruptedException {
    Path db = work.resolve("ceiling.db");
    Files.deleteIfExists(db);
    StringBuilder sql = new StringBuilder();
    sql.append("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n");
    sql.append("CREATE TABLE b(id INTEGER PRIMARY KEY, payload BLOB NOT NULL);\nBEGIN;\n");
    long bytes = 0;
    for (Path p : blobs) {
      sql.append("INSERT INTO b(payload) VALUES (readfile('").append(p).append("'));\n");
      bytes += Files.size(p);
    }
    sql.append("COMMIT;\n");
    Path script = work.resolve("insert.sql");
    Files.writeString(script, sql);
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder("sqlite3", db.toString())
            .redirectInput(script.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("sqlite3.txt").toFile())
            .start();
    waitOk(p, "sqlite3");
    return new Rate(bytes, (System.nanoTime() - start) / 1e9);
  }

  /** A {@code zstd} compression of {@code files}; {@code outBytes} is the compressed size. */
  record ZstdRun(Rate input, long outBytes) {}

  /**
   * The {@code zstd -<level>} CLI compressing each file into its own frame (to stdout, counted).
   */
  static ZstdRun zstdCli(int level, List<Path> files) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("zstd", "-q", "-" + level, "-c"));
    long in = 0;
    for (Path f : files) {
      cmd.add(f.toString());
      in += Files.size(f);
    }
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long out = 0;
    try (InputStream s = p.getInputStream()) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = s.read(buf)) >= 0) {
        out += n;
      }
    }
    waitOk(p, "zstd");
    return new ZstdRun(new Rate(in, (System.nanoTime() - start) / 1e9), out);
  }

  /**
   * Writes each batch value (a zstd frame) to {@code blobs/NNNNNN.zst} and its decompressed
   * protobuf to {@code raw/NNNNNN.pb}.
   *
   * @return the two lists of files, compressed first
   */
  List<List<Path>> writeBatches(List<byte[]> values) throws IOException {
    Path blobs = Files.createDirectories(work.resolve("blobs"));
    Path raw = Files.createDirectories(work.resolve("raw"));
    List<Path> zst = new ArrayList<>();
    List<Path> pb = new ArrayList<>();
    int i = 0;
    for (byte[] v : values) {
      String name = String.format("%06d", i++);
      Path z = blobs.resolve(name + ".zst");
      Files.write(z, v);
      zst.add(z);
      long size = Zstd.getFrameContentSize(v);
      if (size > 0 && size < Integer.MAX_VALUE) {
        Path r = raw.resolve(name + ".pb");
        Files.write(r, Zstd.decompress(v, (int) size));
        pb.add(r);
      }
    }
    return List.of(zst, pb);
  }

  private static void run(List<String> cmd, Path out) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    waitOk(p, cmd.get(0));
  }

  private static void waitOk(Process p, String what) throws InterruptedException {
    if (!p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not finish within " + PROCESS_TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(what + " exited with " + p.exitValue());
    }
  }
}
