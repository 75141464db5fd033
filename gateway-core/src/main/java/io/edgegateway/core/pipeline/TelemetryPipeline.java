package io.edgegateway.core.pipeline;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.budget.BudgetStatus;
import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.ledger.InMemoryIntakeLedger;
import io.edgegateway.core.ledger.IntakeLedger;
import io.edgegateway.core.ledger.LedgerReconciler;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.metrics.BudgetMetrics;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.Uplink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry path from bus callbacks to the broker, and the one owner of its two threads.
 *
 * <pre>
 *  bus threads ──► TopicChannel (stamp, seq, sampler) ──offer()──► Intake (bounded; full = drop+count)
 *                                                                     │
 *                     eg-batcher: BatchingLoop (per stream+priority, max_bytes | linger)
 *                                                                     │ encode + zstd, one txn
 *                                                                     ▼
 *                                                               DurableQueue (SQLite)
 *                                                                     │ oldest first
 *                     eg-uplink:  UplinkLoop ──deliver()──► Uplink ──ack──► acknowledge (delete)
 * </pre>
 *
 * Before its first delivery the sender reconciles the queue with the uplink's committed checkpoints
 * (see {@link UplinkLoop}); the batcher does not wait for it.
 *
 * <p>Close order: the caller first stops bus intake (closes subscriptions); {@link #close} then
 * lets the batcher seal everything it holds, stops the sender, and delivers what is queued until
 * the drain deadline. Whatever is not delivered by then stays in the durable queue for the next
 * start.
 */
public final class TelemetryPipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelemetryPipeline.class);

  /**
   * Tuning of the telemetry path.
   *
   * @param maxBatchBytes a batch is sealed when its samples reach this many bytes
   * @param linger a batch is sealed at the latest this long after its first sample
   * @param intakeMaxSamples capacity of the bus-to-batcher handoff, in samples
   * @param intakeMaxBytes capacity of the bus-to-batcher handoff, in payload bytes
   * @param deliveryTimeout how long one uplink delivery may take before it is retried
   * @param drainTimeout how long {@link #close} keeps delivering the backlog
   * @param roundInterval least time between the sender's rounds without a backlog (RoundPacing)
   */
  public record Settings(
      long maxBatchBytes,
      Duration linger,
      int intakeMaxSamples,
      long intakeMaxBytes,
      Duration deliveryTimeout,
      Duration drainTimeout,
      Duration roundInterval) {
    public Settings {
      if (maxBatchBytes < 1024) {
        throw new IllegalArgumentException(
            "maxBatchBytes : " + maxBatchBytes + " (expected: >= 1024)");
      }
      Objects.requireNonNull(linger, "linger");
      Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      Objects.requireNonNull(roundInterval, "roundInterval");
    }
  }

  /** How long close waits for the batcher to seal what it holds, at least (see {@link #close}). */
  private static final long MIN_SEAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final long LEDGER_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Intake intake;
  private final DurableQueue queue;
  private final IntakeLedger intakeLedger;
  private final Map<TopicKey, TopicChannel> channels = new ConcurrentHashMap<>();
  private volatile @Nullable LedgerSnapshot ledgerSnapshot;
  private final BatchingLoop batcher;
  private final UplinkLoop sender;
  private final UplinkBudget budget;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final Settings settings;
  private final Predicate<RosTypeName> headerStamped;
  private final Thread batcherThread;
  private final Thread senderThread;
  private boolean started;
  private boolean closed;

  private record LedgerSnapshot(long atNanos, Map<TopicKey, TopicLedger> lines) {}

  /**
   * A pipeline whose intake counters live only in memory: the per-topic seq starts at 1 and nothing
   * is reconciled at start. For tests and tools.
   */
  public TelemetryPipeline(
      Settings settings,
      BatchCodec codec,
      DurableQueue queue,
      Uplink uplink,
      Clock clock,
      GatewayMetrics metrics,
      Iterable<String> streams) {
    this(settings, codec, queue, uplink, clock, metrics, streams, null);
  }

  /**
   * A pipeline that counts every sample in {@code intakeLedger} (the completeness ledger's intake
   * side). At construction it reconciles the ledger with the queue ({@link LedgerReconciler}):
   * samples a previous process received but never committed are counted as lost before commit and
   * the per-topic seq continues where it stopped.
   *
   * @param intakeLedger the intake counters, or null for counters in memory without reconciliation
   */
  public TelemetryPipeline(
      Settings settings,
      BatchCodec codec,
      DurableQueue queue,
      Uplink uplink,
      Clock clock,
      GatewayMetrics metrics,
      Iterable<String> streams,
      @Nullable IntakeLedger intakeLedger) {
    this(settings, codec, queue, uplink, clock, metrics, streams, intakeLedger, t -> false, null);
  }

  /**
   * A pipeline that also compares the header stamps of topics whose type starts with a {@code
   * std_msgs/msg/Header} with their receive time ({@code gateway_clock_skew_seconds{topic}}), and
   * whose sender delivers under {@code budget} ({@code uplink.budget}, {@link UplinkBudget#update};
   * null: unlimited).
   *
   * @param intakeLedger the intake counters, or null for counters in memory without reconciliation
   * @param headerStamped whether messages of a type start with a header; asked once per topic
   */
  public TelemetryPipeline(
      Settings settings,
      BatchCodec codec,
      DurableQueue queue,
      Uplink uplink,
      Clock clock,
      GatewayMetrics metrics,
      Iterable<String> streams,
      @Nullable IntakeLedger intakeLedger,
      Predicate<RosTypeName> headerStamped,
      @Nullable UplinkBudget budget) {
    this.headerStamped = Objects.requireNonNull(headerStamped, "headerStamped");
    this.budget = budget == null ? UplinkBudget.unlimited(clock) : budget;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.queue = Objects.requireNonNull(queue, "queue");
    if (intakeLedger == null) {
      this.intakeLedger = new InMemoryIntakeLedger();
    } else {
      this.intakeLedger = intakeLedger;
      LedgerReconciler.reconcile(intakeLedger, queue);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.intake = new Intake(settings.intakeMaxSamples(), settings.intakeMaxBytes(), clock);
    Map<String, Long> startSeqs = new HashMap<>();
    for (String stream : streams) {
      startSeqs.put(stream, queue.lastBatchSeq(stream));
    }
    SeqFloors seqFloors = new SeqFloors();
    this.sender =
        new UplinkLoop(
            queue,
            uplink,
            clock,
            metrics,
            settings.deliveryTimeout(),
            RoundSize.MAX_BATCHES,
            RoundSize.adaptive(),
            startSeqs,
            seqFloors,
            this.budget,
            settings.roundInterval());
    this.batcher =
        new BatchingLoop(
            intake,
            codec,
            queue,
            clock,
            metrics,
            settings.maxBatchBytes(),
            settings.linger().toNanos(),
            () -> {
              sender.wakeup();
              sender.refreshStatsIfStale();
            },
            seqFloors);
    metrics.bindQueue(sender::stats, clock::wallMillis, streams);
    new BudgetMetrics(metrics.registry()).bind(this.budget, sender::stats);
    this.batcherThread = newThread("eg-batcher", batcher);
    this.senderThread = newThread("eg-uplink", sender);
  }

  private static Thread newThread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(false);
    t.setUncaughtExceptionHandler(
        (th, e) -> log.error("thread {} died unexpectedly: {}", th.getName(), e.toString(), e));
    return t;
  }

  /**
   * The handler for one subscribed topic; give it to the bus. Call before or after {@link #start};
   * samples offered before start wait in the bounded intake. The same (stream, topic) gets the same
   * handler (its seq and ledger slot are per (stream, topic)), routed from then on by the latest
   * route given: a route with another sampler or priority for the same (stream, topic) takes effect
   * from the next sample (a live reload). Its ledger line is exported as {@code
   * gateway_ledger_messages_total}.
   */
  public SampleHandler handlerFor(TopicRoute route) {
    TopicKey key = new TopicKey(route.stream(), route.topic());
    TopicChannel channel =
        channels.computeIfAbsent(
            key,
            k ->
                new TopicChannel(
                    route,
                    intake,
                    clock,
                    intakeLedger.slot(k),
                    metrics.busReceived(route.topic()),
                    metrics.samplerDropped(route.topic(), route.sampler().dropReason()),
                    metrics.samplerDropped(route.topic(), "intake_full"),
                    metrics.sourceSkew(route.topic()),
                    headerStamped.test(route.type()) ? metrics.headerSkew(route.topic()) : null));
    if (channel.route() != route) { // an existing channel, given a new route
      channel.reroute(route, metrics.samplerDropped(route.topic(), route.sampler().dropReason()));
    }
    metrics.bindLedger(key, this::ledgerLine);
    return channel;
  }

  /**
   * The completeness ledger: one line per (stream, topic) counted by this pipeline or recorded in
   * the queue, sorted by stream then topic.
   */
  public List<TopicLedger> ledger() {
    return List.copyOf(TopicLedger.combine(intakeLedger.snapshot(), queue.committedCounts()));
  }

  /** One ledger line from a snapshot at most 250 ms old; null if the key has none. */
  private @Nullable TopicLedger ledgerLine(TopicKey key) {
    LedgerSnapshot s = ledgerSnapshot;
    long now = clock.monotonicNanos();
    if (s == null || now - s.atNanos() >= LEDGER_REFRESH_NANOS) {
      Map<TopicKey, TopicLedger> lines = new HashMap<>();
      ledger().forEach(l -> lines.put(l.key(), l));
      s = new LedgerSnapshot(now, lines);
      ledgerSnapshot = s;
    }
    return s.lines().get(key);
  }

  /** Starts the batcher and the sender threads. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    long now = clock.monotonicNanos();
    batcher.progress().turned(now);
    sender.progress().turned(now);
    batcherThread.start();
    senderThread.start();
  }

  /** The latest queue snapshot (refreshed at most every 250 ms). */
  public QueueStats queueStats() {
    return sender.stats();
  }

  /** The bandwidth budget's use and what waits per class ({@code /v1/status uplink.budget}). */
  public BudgetStatus budgetStatus() {
    return budget.status(sender.stats());
  }

  /** The bandwidth budget the sender delivers under; {@link UplinkBudget#update} for a reload. */
  public UplinkBudget budget() {
    return budget;
  }

  /** True while uplink deliveries are failing and batches accumulate. */
  public boolean uplinkFailing() {
    return sender.failing();
  }

  /**
   * True once the uplink was fenced (another gateway instance with the same robot id took over);
   * the sender has stopped for good and batches stay queued.
   */
  public boolean uplinkFenced() {
    return sender.fenced();
  }

  /**
   * Tells {@code listener} of every batch the uplink acknowledged from now on (on the sender
   * thread, after the queue deleted it).
   */
  public void addDeliveryListener(io.edgegateway.core.port.DeliveryListener listener) {
    sender.addDeliveryListener(listener);
  }

  /** True once the sender reconciled the queue with the uplink's committed checkpoints. */
  public boolean uplinkReconciled() {
    return sender.reconciled();
  }

  /**
   * The progress of the pipeline's two loops, batcher (intake into the queue) and uplink (queue to
   * the broker), for a watchdog; each advances at least every 200 ms while its loop is healthy.
   */
  public List<LoopProgress> progress() {
    return List.of(batcher.progress(), sender.progress());
  }

  /** Samples waiting between the bus and the batcher. */
  public int intakeDepth() {
    return intake.size();
  }

  /**
   * Seals what the batcher holds (waiting for that until the drain deadline, but at least 5 s),
   * stops the sender and delivers the backlog until the drain deadline. Idempotent. The caller must
   * have stopped bus intake first.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      batcher.drain();
      return;
    }
    long deadline = clock.monotonicNanos() + settings.drainTimeout().toNanos();
    batcher.initiateClose();
    // sealing what is in memory is not cut short by a short drain timeout
    join(batcherThread, Math.max(deadline, clock.monotonicNanos() + MIN_SEAL_NANOS));
    sender.initiateClose();
    join(senderThread, deadline);
    if (senderThread.isAlive()) {
      // Blocked in a delivery past the deadline: interrupt it; its batches stay queued.
      senderThread.interrupt();
      join(senderThread, clock.monotonicNanos() + TimeUnit.SECONDS.toNanos(2));
    }
    if (senderThread.isAlive()) {
      log.warn("uplink thread did not stop; the backlog stays queued for the next start");
      return;
    }
    long remaining = Math.max(0, deadline - clock.monotonicNanos());
    boolean empty = sender.drain(Duration.ofNanos(remaining));
    QueueStats left = sender.stats();
    if (empty) {
      log.info("telemetry pipeline stopped, queue empty");
    } else {
      log.info(
          "telemetry pipeline stopped, {} batches ({} bytes) stay queued for the next start",
          left.batches(),
          left.bytes());
    }
  }

  private void join(Thread thread, long deadlineNanos) {
    long waitMs =
        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - clock.monotonicNanos()));
    try {
      thread.join(waitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("thread {} did not stop within the drain deadline", thread.getName());
    }
  }
}
