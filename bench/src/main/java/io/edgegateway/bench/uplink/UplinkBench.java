package io.edgegateway.bench.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/uplink.sh [--mb N] [--rounds R] [--producer key=value]...}: the uplink's backlog
 * drain against a bare idempotent producer on the same batch bytes, in one JVM with one embedded
 * broker, interleaved round by round (the order alternates), median of the rounds.
 *
 * <p>Each round: a fresh SQLite queue holding {@code N} MB of humanoid-1 batches (sealed by the
 * real codec, 256 KiB of samples each) is drained by the gateway's sender and {@code KafkaUplink}
 * ({@link GatewayDrain}); the bare producer ({@link BareProducer}) sends the same values. {@code
 * --producer} properties go to both producers. Last line: {@code uplink_ratio=… gateway_mb_s=…
 * bare_mb_s=… rounds=…} (MB = 10^6 bytes of batch values; ratio = median gateway / median bare).
 */
public final class UplinkBench {
  private static final String TOPIC = "bench.uplink";
  private static final String BARE_TOPIC = "bench.bare";
  private static final String CHECKPOINTS = "bench.checkpoints";

  private UplinkBench() {}

  public static void main(String[] args) throws Exception {
    int mb = 128;
    int rounds = 5;
    Map<String, String> producer = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--producer" -> {
          String[] kv = args[++i].split("=", 2);
          producer.put(kv[0], kv[1]);
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    BenchBatches templates = BenchBatches.humanoid(4, 256 * 1024);
    List<SealedBatch> backlog = templates.backlog(mb * 1_000_000L);
    long bytes = 0;
    for (SealedBatch b : backlog) {
      bytes += b.payload().length;
    }
    System.out.printf(
        Locale.ROOT,
        "# %d batches, %.1f MB of values (mean %d B), %d rounds, producer overrides %s%n",
        backlog.size(),
        bytes / 1e6,
        templates.meanValueBytes(),
        rounds,
        producer);
    Path work = Files.createTempDirectory("eg-bench-uplink");
    double[] gateway = new double[rounds];
    double[] bare = new double[rounds];
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      kafka.createTopic(TOPIC, 1, false);
      kafka.createTopic(BARE_TOPIC, 1, false);
      kafka.createTopic(CHECKPOINTS, 1, true);
      String bootstrap = kafka.bootstrapServers();
      // warm-up of both paths (JIT, broker), not counted
      List<SealedBatch> warm = backlog.subList(0, Math.min(backlog.size(), 200));
      GatewayDrain.run(work, bootstrap, producer, TOPIC, CHECKPOINTS, "bench-warm", warm);
      BareProducer.send(bootstrap, producer, BARE_TOPIC, warm);
      for (int r = 0; r < rounds; r++) {
        double g;
        double b;
        GatewayDrain.Result result;
        if (r % 2 == 0) {
          result = drain(work, bootstrap, producer, r, backlog);
          b = BareProducer.send(bootstrap, producer, BARE_TOPIC, backlog);
        } else {
          b = BareProducer.send(bootstrap, producer, BARE_TOPIC, backlog);
          result = drain(work, bootstrap, producer, r, backlog);
        }
        g = result.seconds();
        gateway[r] = bytes / g / 1e6;
        bare[r] = bytes / b / 1e6;
        System.out.printf(
            Locale.ROOT,
            "round %d: gateway %.1f MB/s (%.2f s, %d transactions, %.2f s in deliver), bare %.1f MB/s (%.2f s),"
                + " ratio %.3f, load %s%n",
            r + 1,
            gateway[r],
            g,
            result.deliveries(),
            result.deliverSeconds(),
            bare[r],
            b,
            gateway[r] / bare[r],
            loadAverage());
      }
    }
    double gm = median(gateway);
    double bm = median(bare);
    System.out.printf(
        Locale.ROOT,
        "uplink_ratio=%.3f gateway_mb_s=%.1f bare_mb_s=%.1f rounds=%d%n",
        gm / bm,
        gm,
        bm,
        rounds);
  }

  private static GatewayDrain.Result drain(
      Path work, String bootstrap, Map<String, String> producer, int round, List<SealedBatch> b)
      throws InterruptedException {
    return GatewayDrain.run(work, bootstrap, producer, TOPIC, CHECKPOINTS, "bench-r" + round, b);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      List<String> parts =
          new ArrayList<>(Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")));
      return String.join(" ", parts.subList(0, 3));
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
