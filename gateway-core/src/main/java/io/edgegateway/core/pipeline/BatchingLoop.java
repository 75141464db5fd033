package io.edgegateway.core.pipeline;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher: takes samples from the intake, groups them per (stream, priority) and seals a batch
 * when it reaches {@code maxBatchBytes} or when its first sample is {@code linger} old; each sealed
 * batch is numbered, encoded, compressed and appended to the durable queue in one transaction.
 *
 * <p>Runs on one thread: {@code run() { while (running) runOnce(); drain(); }}. {@link #runOnce} is
 * package-private so tests can step it.
 *
 * <p>The thread never dies of an unexpected exception (a bug in the codec, the queue or here): a
 * batch whose sealing or append throws is dropped, its samples counted in {@code
 * gateway_queue_append_lost_records_total}; any other failure of a round ends that round. Either
 * way {@code gateway_batcher_errors_total} counts it, one log line says what happened (at most one
 * every 10 s, the rest only counted) and the loop goes on (after a 100 ms pause for a failed round,
 * so a failure that repeats at once cannot spin).
 */
final class BatchingLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(BatchingLoop.class);

  /** Encoded bytes a record adds besides its payload (stamps, seq, tags), an upper estimate. */
  static final int RECORD_OVERHEAD_BYTES = 40;

  private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int MAX_ITEMS_PER_ROUND = 4096;
  private static final int MAX_CACHED_KEYS = 4096;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Intake intake;
  private final BatchCodec codec;
  private final DurableQueue queue;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final long maxBatchBytes;
  private final long lingerNanos;
  private final Runnable onAppended;
  private final SeqFloors seqFloors;
  private final Counter errors;
  private final LoopProgress progress;
  private final Map<Key, OpenBatch> open = new LinkedHashMap<>();
  private final Map<String, Long> lastSeq = new HashMap<>();
  private final Map<TopicRoute, Key> keys = new IdentityHashMap<>();
  private final Intake.Item item = new Intake.Item(); // the one consumer's reusable holder
  private volatile boolean running = true;
  private long lastFailureLogNanos = Long.MIN_VALUE;
  private long lastErrorLogNanos = Long.MIN_VALUE;

  private record Key(String stream, int priority) {}

  private static final class OpenBatch {
    final List<Envelope> envelopes = new ArrayList<>();
    final long deadlineNanos;
    long bytes;

    OpenBatch(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }
  }

  BatchingLoop(
      Intake intake,
      BatchCodec codec,
      DurableQueue queue,
      Clock clock,
      GatewayMetrics metrics,
      long maxBatchBytes,
      long lingerNanos,
      Runnable onAppended,
      SeqFloors seqFloors) {
    this.intake = intake;
    this.codec = codec;
    this.queue = queue;
    this.clock = clock;
    this.metrics = metrics;
    this.maxBatchBytes = maxBatchBytes;
    this.lingerNanos = lingerNanos;
    this.onAppended = onAppended;
    this.seqFloors = seqFloors;
    this.errors = metrics.batcherErrors();
    // not the clock here: a round calls it first thing (the pipeline marks the start, see start())
    this.progress = new LoopProgress("batcher", 0);
  }

  @Override
  public void run() {
    while (running) {
      try {
        progress.turned(clock.monotonicNanos());
        runOnce();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        error("batcher round failed, continuing", e);
        LockSupport.parkNanos(this, ERROR_PAUSE_NANOS);
      }
    }
    progress.end();
    drain();
  }

  /** The loop's progress: the time of its last turn (at least every 50 ms while it is healthy). */
  LoopProgress progress() {
    return progress;
  }

  /** Asks the loop to finish: it then drains the intake and seals every open batch. */
  void initiateClose() {
    running = false;
  }

  /** One round: wait for samples until the nearest linger deadline, add them, seal what is due. */
  void runOnce() throws InterruptedException {
    long now = clock.monotonicNanos();
    long wait = MAX_IDLE_WAIT_NANOS;
    for (OpenBatch b : open.values()) {
      wait = Math.min(wait, b.deadlineNanos - now);
    }
    // With open batches, sleep until the nearest deadline unless half a batch arrives meanwhile:
    // a sample's batch deadline counts from its offer time, so waking for each one buys nothing.
    long wakeAtBytes = open.isEmpty() ? 1 : Math.max(1, maxBatchBytes / 2);
    boolean took = intake.poll(Math.max(0, wait), wakeAtBytes, item);
    int n = 0;
    while (took) {
      add(item);
      if (++n >= MAX_ITEMS_PER_ROUND) {
        break;
      }
      took = intake.poll(0, item);
    }
    sealExpired(clock.monotonicNanos());
  }

  /** Moves everything left in the intake into batches and seals them all. */
  void drain() {
    try {
      while (intake.poll(0, item)) {
        add(item);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Iterator<Map.Entry<Key, OpenBatch>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, OpenBatch> e = it.next();
      it.remove();
      seal(e.getKey(), e.getValue());
    }
  }

  private void add(Intake.Item item) {
    Key key = keyOf(item.route());
    OpenBatch batch = open.get(key);
    if (batch == null) {
      batch = new OpenBatch(item.offeredNanos() + lingerNanos);
      open.put(key, batch);
    }
    batch.envelopes.add(item.envelope());
    batch.bytes += item.envelope().size() + RECORD_OVERHEAD_BYTES;
    if (batch.bytes >= maxBatchBytes) {
      open.remove(key);
      seal(key, batch);
    }
  }

  /** The batch key of a route, without allocating one per sample. */
  private Key keyOf(TopicRoute route) {
    Key key = keys.get(route);
    if (key == null) {
      if (keys.size() >= MAX_CACHED_KEYS) { // reloads replace routes; keep the cache bounded
        keys.clear();
      }
      key = new Key(route.stream(), route.priority());
      keys.put(route, key);
    }
    return key;
  }

  private void sealExpired(long now) {
    for (Iterator<Map.Entry<Key, OpenBatch>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, OpenBatch> e = it.next();
      if (now - e.getValue().deadlineNanos >= 0) {
        it.remove();
        seal(e.getKey(), e.getValue());
      }
    }
  }

  private void seal(Key key, OpenBatch batch) {
    String stream = key.stream();
    long seq;
    SealedBatch sealed;
    try {
      seq =
          Math.max(lastSeq.computeIfAbsent(stream, queue::lastBatchSeq), seqFloors.floor(stream))
              + 1;
      sealed =
          codec
              .seal(stream, seq, key.priority(), clock.wallNanos(), batch.envelopes)
              .withTopics(summaries(batch.envelopes));
    } catch (RuntimeException e) {
      metrics.queueAppendLostRecords(stream).increment(batch.envelopes.size());
      recordLost(stream, summaries(batch.envelopes));
      error("sealing a batch of stream " + stream + " failed, its samples are lost (counted)", e);
      return;
    }
    try {
      queue.append(sealed);
    } catch (QueueException e) {
      metrics.queueAppendLostRecords(stream).increment(sealed.records());
      recordLost(stream, sealed.topics());
      long now = clock.monotonicNanos();
      if (lastFailureLogNanos == Long.MIN_VALUE || now - lastFailureLogNanos >= LOG_EVERY_NANOS) {
        lastFailureLogNanos = now;
        log.warn(
            "durable queue rejected batch {}/{} ({} samples lost, counted): {}",
            stream,
            seq,
            sealed.records(),
            e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      metrics.queueAppendLostRecords(stream).increment(sealed.records());
      recordLost(stream, sealed.topics());
      error("appending batch " + stream + "/" + seq + " failed, its samples are lost (counted)", e);
      return;
    }
    lastSeq.put(stream, seq);
    metrics.batchesSealed(stream).increment();
    metrics.recordsSealed(stream).increment(sealed.records());
    metrics.compressionRatio(stream, sealed.uncompressedBytes(), sealed.payload().length);
    onAppended.run();
  }

  /** Per topic, in first-appearance order: sample count and seq range. */
  static List<TopicSummary> summaries(List<Envelope> envelopes) {
    Map<String, long[]> byTopic = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      long[] s = byTopic.get(e.topic());
      if (s == null) {
        byTopic.put(e.topic(), new long[] {1, e.seq(), e.seq()});
      } else {
        s[0]++;
        s[1] = Math.min(s[1], e.seq());
        s[2] = Math.max(s[2], e.seq());
      }
    }
    List<TopicSummary> out = new ArrayList<>(byTopic.size());
    byTopic.forEach((topic, s) -> out.add(new TopicSummary(topic, s[0], s[1], s[2])));
    return out;
  }

  /**
   * Records the samples of a batch that never reached the queue (refused, or failed to seal or
   * append) as lost before commit; if that fails too, the next start counts them (see {@code
   * LedgerReconciler}).
   */
  private void recordLost(String stream, List<TopicSummary> topics) {
    List<LostSamples> lost = new ArrayList<>();
    for (TopicSummary t : topics) {
      lost.add(
          new LostSamples(
              new TopicKey(stream, t.topic()), new SeqRange(t.firstSeq(), t.lastSeq(), t.count())));
    }
    try {
      queue.recordLost(lost, Map.of());
    } catch (RuntimeException e) {
      log.debug("could not record the lost batch's samples in the ledger: {}", e.getMessage());
    }
  }

  /** Counts an unexpected error and logs it, at most one line every 10 s. */
  private void error(String what, RuntimeException e) {
    errors.increment();
    long now = System.nanoTime(); // not the injected clock: it may be what failed
    if (lastErrorLogNanos == Long.MIN_VALUE || now - lastErrorLogNanos >= LOG_EVERY_NANOS) {
      lastErrorLogNanos = now;
      log.error("{} (unexpected, counted in gateway_batcher_errors_total): {}", what, e.toString());
    }
  }
}
