package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.views;
import static io.edgegateway.buffer.TestBatches.viewsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs seeded random sequences of append, acknowledge, read and reopen against the queue and a
 * plain in-memory model of the contract, and checks after every step that both agree. A failure
 * names the seed and the operations up to the failing one.
 */
class SqliteDurableQueueModelTest {

  private static final List<String> STREAMS = List.of("telemetry", "diagnostics", "perception");

  @TempDir Path dataDir;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("queue.model.seeds", 50));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void queueAgreesWithTheModelAfterEveryOperation(long seed) {
    Random random = new Random(seed);
    long quota = 1_500 + random.nextInt(4_500);
    List<Op> ops = randomOps(random, quota, 1 + random.nextInt(60));
    Simulation simulation = new Simulation(dataDir, quota);
    int step = 0;
    try {
      for (; step < ops.size(); step++) {
        simulation.apply(ops.get(step));
        simulation.check();
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "seed " + seed + ", quota " + quota + ", ops " + ops.subList(0, step + 1), e);
    } finally {
      simulation.close();
    }
  }

  private static List<Op> randomOps(Random random, long quota, int count) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String stream = STREAMS.get(random.nextInt(STREAMS.size()));
      int kind = random.nextInt(16);
      if (kind < 8) {
        ops.add(
            new Append(
                stream,
                random.nextInt(10),
                random.nextInt(3),
                1_000L + random.nextInt(1_000_000),
                random.nextInt(1_200),
                random.nextLong()));
      } else if (kind < 11) {
        ops.add(new Acknowledge(1 + random.nextInt(8), random.nextInt(), random.nextBoolean()));
      } else if (kind < 13) {
        ops.add(new Peek(1 + random.nextInt(8), 1 + random.nextInt(3_000)));
      } else if (kind == 13) {
        ops.add(new Reopen());
      } else if (kind == 14) {
        ops.add(new AppendStale(stream, random.nextInt(2)));
      } else {
        ops.add(new AppendOversize(stream, quota + 1 + random.nextInt(100)));
      }
    }
    return ops;
  }

  /** One step of a run. */
  private sealed interface Op
      permits Append, AppendStale, AppendOversize, Acknowledge, Peek, Reopen {}

  /** Appends the next batch of {@code stream}, {@code seqGap} numbers above the last. */
  private record Append(
      String stream, int priority, int seqGap, long sealedAtMillis, int size, long payloadSeed)
      implements Op {}

  /** Appends a batch {@code below} numbers under the last of {@code stream}: must be refused. */
  private record AppendStale(String stream, int below) implements Op {}

  /** Appends a batch larger than the whole quota: must be refused. */
  private record AppendOversize(String stream, long size) implements Op {}

  /**
   * Reads up to {@code maxBatches} oldest, acknowledges those picked by the bits of {@code mask},
   * and optionally the previous acknowledgement again.
   */
  private record Acknowledge(int maxBatches, int mask, boolean repeatPrevious) implements Op {}

  private record Peek(int maxBatches, long maxBytes) implements Op {}

  private record Reopen() implements Op {}

  /** The queue under test next to the model, with the ids the queue handed out so far. */
  private static final class Simulation {
    private final Path dataDir;
    private final Model model;
    private final Map<String, Long> idByBatch = new HashMap<>();
    private long highestId;
    private List<StoredBatch> previousAck = List.of();
    private SqliteDurableQueue queue;

    Simulation(Path dataDir, long quota) {
      this.dataDir = dataDir;
      this.model = new Model(quota);
      this.queue = SqliteDurableQueue.open(dataDir, quota, Durability.PROCESS);
    }

    void apply(Op op) {
      if (op instanceof Append a) {
        long seq = model.lastBatchSeq(a.stream()) + 1 + a.seqGap();
        byte[] payload = new byte[a.size()];
        new Random(a.payloadSeed()).nextBytes(payload);
        SealedBatch batch =
            TestBatches.batch(a.stream(), seq, a.priority(), a.sealedAtMillis(), payload);
        queue.append(batch);
        model.append(batch);
      } else if (op instanceof AppendStale s) {
        long last = model.lastBatchSeq(s.stream());
        if (last > 0) {
          long seq = Math.max(1, last - s.below());
          assertThatThrownBy(() -> queue.append(TestBatches.batch(s.stream(), seq, 5, 10)))
              .isInstanceOf(IllegalArgumentException.class);
        }
      } else if (op instanceof AppendOversize o) {
        long seq = model.lastBatchSeq(o.stream()) + 1;
        assertThatThrownBy(
                () -> queue.append(TestBatches.batch(o.stream(), seq, 9, (int) o.size())))
            .isInstanceOf(QueueException.class);
      } else if (op instanceof Acknowledge a) {
        List<StoredBatch> oldest = queue.oldest(a.maxBatches(), Long.MAX_VALUE);
        assertThat(views(oldest)).isEqualTo(viewsOf(model.oldest(a.maxBatches(), Long.MAX_VALUE)));
        List<StoredBatch> picked = new ArrayList<>();
        for (int i = 0; i < oldest.size(); i++) {
          if ((a.mask() & (1 << i)) != 0) {
            picked.add(oldest.get(i));
          }
        }
        if (a.repeatPrevious()) {
          picked.addAll(previousAck);
        }
        queue.acknowledge(picked);
        model.acknowledge(picked.stream().map(StoredBatch::batch).toList());
        previousAck = picked;
      } else if (op instanceof Peek p) {
        assertThat(views(queue.oldest(p.maxBatches(), p.maxBytes())))
            .isEqualTo(viewsOf(model.oldest(p.maxBatches(), p.maxBytes())));
      } else if (op instanceof Reopen) {
        queue.close();
        queue = SqliteDurableQueue.open(dataDir, model.quota, Durability.PROCESS);
        model.reopened();
      }
    }

    void check() {
      List<StoredBatch> all = queue.oldest(Integer.MAX_VALUE, Long.MAX_VALUE);
      assertThat(views(all)).isEqualTo(viewsOf(model.waiting));
      long previous = 0;
      for (StoredBatch stored : all) {
        assertThat(stored.id()).isGreaterThan(previous);
        previous = stored.id();
        String key = stored.batch().stream() + "/" + stored.batch().batchSeq();
        Long known = idByBatch.putIfAbsent(key, stored.id());
        if (known == null) {
          assertThat(stored.id()).as("new id of %s", key).isGreaterThan(highestId);
          highestId = stored.id();
        } else {
          assertThat(stored.id()).as("id of %s", key).isEqualTo(known);
        }
      }
      assertThat(queue.stats()).isEqualTo(model.stats());
      for (String stream : STREAMS) {
        assertThat(queue.lastBatchSeq(stream)).isEqualTo(model.lastBatchSeq(stream));
      }
    }

    void close() {
      queue.close();
    }
  }

  /** The contract in a few lines: a list in append order, a quota, and the last seq per stream. */
  private static final class Model {
    final long quota;
    final List<SealedBatch> waiting = new ArrayList<>();
    final Map<String, Long> lastBatchSeq = new HashMap<>();
    final Map<String, Long> evictedSinceOpen = new TreeMap<>();

    Model(long quota) {
      this.quota = quota;
    }

    long lastBatchSeq(String stream) {
      return lastBatchSeq.getOrDefault(stream, 0L);
    }

    void append(SealedBatch batch) {
      long excess = bytes() + batch.payload().length - quota;
      while (excess > 0) {
        int victim = 0;
        for (int i = 1; i < waiting.size(); i++) {
          if (waiting.get(i).priority() < waiting.get(victim).priority()) {
            victim = i;
          }
        }
        SealedBatch evicted = waiting.remove(victim);
        excess -= evicted.payload().length;
        evictedSinceOpen.merge(evicted.stream(), 1L, Long::sum);
      }
      waiting.add(batch);
      lastBatchSeq.put(batch.stream(), batch.batchSeq());
    }

    void acknowledge(List<SealedBatch> delivered) {
      for (SealedBatch batch : delivered) {
        waiting.removeIf(
            w -> w.stream().equals(batch.stream()) && w.batchSeq() == batch.batchSeq());
      }
    }

    List<SealedBatch> oldest(int maxBatches, long maxBytes) {
      List<SealedBatch> result = new ArrayList<>();
      long total = 0;
      for (SealedBatch batch : waiting) {
        if (result.size() == maxBatches
            || (!result.isEmpty() && total + batch.payload().length > maxBytes)) {
          break;
        }
        total += batch.payload().length;
        result.add(batch);
      }
      return result;
    }

    void reopened() {
      evictedSinceOpen.clear();
    }

    long bytes() {
      return waiting.stream().mapToLong(b -> b.payload().length).sum();
    }

    QueueStats stats() {
      Map<String, QueueStats.StreamStats> streams = new TreeMap<>();
      for (String stream : lastBatchSeq.keySet()) {
        List<SealedBatch> mine = waiting.stream().filter(b -> b.stream().equals(stream)).toList();
        streams.put(
            stream,
            new QueueStats.StreamStats(
                mine.size(),
                mine.stream().mapToLong(b -> b.payload().length).sum(),
                mine.stream().mapToLong(SealedBatch::sealedAtMillis).min().orElse(0),
                lastBatchSeq(stream),
                evictedSinceOpen.containsKey(stream)
                    ? Map.of("quota", evictedSinceOpen.get(stream))
                    : Map.of()));
      }
      return new QueueStats(
          waiting.size(),
          bytes(),
          waiting.stream().mapToLong(SealedBatch::sealedAtMillis).min().orElse(0),
          streams,
          evictedSinceOpen.isEmpty()
              ? Map.of()
              : Map.of(
                  "quota", evictedSinceOpen.values().stream().mapToLong(Long::longValue).sum()));
    }
  }
}
