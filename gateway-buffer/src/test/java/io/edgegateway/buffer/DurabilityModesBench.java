package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A measurement, not a unit test (surefire does not pick up {@code *Bench}): appends the same
 * batches in {@code process} and {@code power} durability and prints batches/s and MB/s side by
 * side. Usage: {@code DurabilityModesBench <dir on the disk to measure> [batches] [batchBytes]
 * [rounds]}.
 */
public final class DurabilityModesBench {

  private DurabilityModesBench() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args.length > 0 ? args[0] : "target/durability-bench");
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int batchBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64 * 1024;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    byte[][] payloads = new byte[16][batchBytes];
    Random random = new Random(42);
    for (byte[] payload : payloads) {
      random.nextBytes(payload);
    }
    System.out.printf(
        "appending %d batches of %d bytes, %d rounds, best round shown, in %s%n",
        batches, batchBytes, rounds, base.toAbsolutePath());
    System.out.printf("%-8s %12s %10s %14s%n", "mode", "batches/s", "MB/s", "p99 append ms");
    for (Durability mode : new Durability[] {Durability.PROCESS, Durability.POWER}) {
      double bestSeconds = Double.MAX_VALUE;
      double bestP99 = 0;
      for (int round = 0; round < rounds; round++) {
        Path dir = base.resolve(mode.name().toLowerCase() + "-" + round);
        deleteRecursively(dir);
        long[] latencies = new long[batches];
        long start = System.nanoTime();
        try (SqliteDurableQueue queue = SqliteDurableQueue.open(dir, Long.MAX_VALUE / 2, mode)) {
          for (int i = 0; i < batches; i++) {
            long t0 = System.nanoTime();
            queue.append(
                new SealedBatch(
                    "bench",
                    i + 1,
                    5,
                    System.currentTimeMillis(),
                    100,
                    0,
                    0,
                    batchBytes * 3,
                    payloads[i % payloads.length]));
            latencies[i] = System.nanoTime() - t0;
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Arrays.sort(latencies);
        if (seconds < bestSeconds) {
          bestSeconds = seconds;
          bestP99 = latencies[(int) (batches * 0.99) - 1] / 1e6;
        }
        deleteRecursively(dir);
      }
      System.out.printf(
          "%-8s %12.0f %10.1f %14.2f%n",
          mode.name().toLowerCase(),
          batches / bestSeconds,
          batches * (double) batchBytes / bestSeconds / 1e6,
          bestP99);
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
