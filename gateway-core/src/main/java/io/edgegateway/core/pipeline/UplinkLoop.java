package io.edgegateway.core.pipeline;

import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DeliveryListener;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender: repeatedly takes the oldest waiting batches from the durable queue, hands them to the
 * uplink, and deletes them only once the uplink reports them acknowledged. On failure the batches
 * stay queued and the loop backs off exponentially (100 ms to 5 s).
 *
 * <p>Before the first delivery the loop reconciles with the uplink's committed checkpoints: it
 * reads them (retrying with the same backoff while the remote end is unreachable), deletes queued
 * batches at or below each stream's checkpoint (they were committed, but the process stopped before
 * deleting them) and, if the remote end is ahead of everything this queue ever held, raises the
 * batcher's sequence floor so new batches continue after the checkpoint (only delivery waits).
 *
 * <p>Fenced (another instance with the same robot id took over): logged once, the loop stops.
 *
 * <p>Runs on one thread: {@code run() { while (running) runOnce(); }}; {@link #drain} then tries to
 * empty the queue until a deadline. Tests step {@link #runOnce}.
 *
 * <p>Under a bandwidth budget ({@link UplinkBudget#limited}) a round is chosen by {@link
 * BudgetedRounds}: whole streams in the budget's class order, cut to what the budget admits; the
 * rest waits, also in {@link #drain}. Without a budget a round takes the oldest batches in append
 * order (incident batches first).
 *
 * <p>An unexpected exception (a bug in the queue or the uplink) never ends the thread: it is
 * counted in {@code gateway_uplink_errors_total}, logged in one line and the round is retried after
 * the backoff; the batches stay queued. {@link #drain} gives up on one the same way.
 */
final class UplinkLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(UplinkLoop.class);
  private static final long IDLE_WAIT_MS = 200, MIN_BACKOFF_MS = 100, MAX_BACKOFF_MS = 5_000;
  private static final long STATS_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final DurableQueue queue;
  private final Uplink uplink;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final Timer commitTimer;
  private final Duration deliveryTimeout;
  private final int maxBatchesPerRound;
  private final RoundSize roundSize;
  private final Map<String, Long> startSeqs;
  private final SeqFloors seqFloors;
  private final RoundPacing pacing;
  private final Counter errors;
  private final LoopProgress progress;
  private final DeliveryListeners listeners = new DeliveryListeners();
  private final ArrayBlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private BudgetedRounds.Pause pacingPause = n -> stopped.await(n, TimeUnit.NANOSECONDS);
  private volatile boolean running = true;
  private volatile QueueStats stats;
  private volatile boolean failing;
  private volatile boolean fenced;
  private volatile boolean reconciled;
  private boolean reconcileFailing;
  private final AtomicLong statsAtNanos;
  private long backoffMs = MIN_BACKOFF_MS;
  private final BudgetedRounds budgeted;

  UplinkLoop(
      DurableQueue queue,
      Uplink uplink,
      Clock clock,
      GatewayMetrics metrics,
      Duration deliveryTimeout,
      int maxBatchesPerRound,
      RoundSize roundSize,
      Map<String, Long> startSeqs,
      SeqFloors seqFloors,
      UplinkBudget budget,
      Duration roundInterval) {
    this.queue = queue;
    this.uplink = uplink;
    this.clock = clock;
    this.metrics = metrics;
    this.commitTimer = metrics.uplinkCommit();
    this.deliveryTimeout = deliveryTimeout;
    this.maxBatchesPerRound = maxBatchesPerRound;
    this.roundSize = roundSize;
    this.startSeqs = Map.copyOf(startSeqs);
    this.seqFloors = seqFloors;
    this.pacing = new RoundPacing(clock, roundInterval);
    this.errors = metrics.uplinkErrors();
    this.stats = queue.stats();
    this.statsAtNanos = new AtomicLong(clock.monotonicNanos());
    this.progress = new LoopProgress("uplink", clock.monotonicNanos());
    this.budgeted =
        new BudgetedRounds(
            queue,
            budget,
            maxBatchesPerRound,
            roundSize,
            nanos -> stopped.await(nanos, TimeUnit.NANOSECONDS));
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
        errors.increment();
        log.error(
            "uplink round failed (unexpected, counted in gateway_uplink_errors_total), retrying"
                + " in {} ms: {}",
            backoffMs,
            e.toString());
        pause();
      }
    }
    progress.end();
  }

  /** The loop's last turn: every 200 ms idle, at most the delivery timeout + 5 s otherwise. */
  LoopProgress progress() {
    return progress;
  }

  /** Replaces the budget's and the pacing's waits (tests step the loop on a fake clock with it). */
  void budgetPause(BudgetedRounds.Pause pause) {
    budgeted.pause(pause);
    pacingPause = pause;
  }

  /** Tells {@code listener} of every batch acknowledged from now on, after the queue deleted it. */
  void addDeliveryListener(DeliveryListener listener) {
    listeners.add(listener);
  }

  /** Signals that a batch was appended, so an idle loop looks again at once. */
  void wakeup() {
    wakeups.offer(Boolean.TRUE);
  }

  /** Stops the loop after its current round. */
  void initiateClose() {
    running = false;
    stopped.countDown();
    wakeup();
  }

  /** The latest queue snapshot, refreshed at most every 250 ms; cheap. */
  QueueStats stats() {
    return stats;
  }

  /** True while deliveries are failing. */
  boolean failing() {
    return failing;
  }

  /** True once the uplink was fenced by another instance; the loop has stopped. */
  boolean fenced() {
    return fenced;
  }

  /** True once the start-up reconciliation with the committed checkpoints is done. */
  boolean reconciled() {
    return reconciled;
  }

  /**
   * One round: deliver the oldest waiting batches, or wait for work.
   *
   * @return true if batches were delivered
   */
  boolean runOnce() throws InterruptedException {
    refreshStats(false);
    if (fenced) {
      running = false;
      return false;
    }
    if (!reconciled) {
      if (!reconcile(deliveryTimeout)) {
        pause();
      }
      return false;
    }
    long pace = pacing.waitNanos(); // after a small round: see RoundPacing
    if (pace > 0) {
      pacingPause.await(pace);
    }
    if (!running) {
      return false;
    }
    List<StoredBatch> batches = budgeted.nextOrWait();
    if (batches == null) {
      return false;
    }
    if (batches.isEmpty()) {
      wakeups.poll(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
      return false;
    }
    if (deliver(batches, deliveryTimeout)) {
      return true;
    }
    pause();
    return false;
  }

  /**
   * Delivers what is queued until the queue is empty, a delivery fails, or {@code deadline} passes.
   *
   * @return true if the queue was emptied
   */
  boolean drain(Duration deadline) {
    try {
      return drainUntil(deadline);
    } catch (RuntimeException e) {
      errors.increment();
      log.error(
          "draining the queue failed (unexpected, counted in gateway_uplink_errors_total); the"
              + " backlog stays queued: {}",
          e.toString());
      return false;
    }
  }

  private boolean drainUntil(Duration deadline) {
    long end = clock.monotonicNanos() + deadline.toNanos();
    if (fenced || (!reconciled && !reconcile(deadline))) {
      refreshStats(true);
      return false;
    }
    while (clock.monotonicNanos() - end < 0) {
      List<StoredBatch> batches = budgeted.nextNow();
      if (batches == null) {
        log.info("drain stops at the bandwidth budget; {} batches stay queued", stats.batches());
        break;
      }
      if (batches.isEmpty()) {
        refreshStats(true);
        return true;
      }
      Duration remaining = Duration.ofNanos(Math.max(1, end - clock.monotonicNanos()));
      if (!deliver(
          batches, remaining.compareTo(deliveryTimeout) < 0 ? remaining : deliveryTimeout)) {
        break;
      }
    }
    refreshStats(true);
    return false;
  }

  private boolean deliver(List<StoredBatch> batches, Duration timeout) {
    long startNanos = clock.monotonicNanos();
    try {
      uplink.deliver(batches, timeout);
    } catch (UplinkFencedException e) {
      fenced = true;
      running = false;
      failing = true;
      log.error(
          "uplink stopped for good: {}; {} batches stay queued, the gateway reports not ready"
              + " until it is restarted",
          e.getMessage(),
          queue.stats().batches());
      return false;
    } catch (UplinkException e) {
      batches.forEach(b -> metrics.uplinkBatches(b.batch().stream(), "retry").increment());
      roundSize.failed();
      if (!failing) {
        failing = true;
        log.warn(
            "uplink delivery failed ({}), {} batches stay queued and are retried: {}",
            e.retriable() ? "retriable" : "not retriable",
            batches.size(),
            e.getMessage());
      }
      return false;
    }
    long took = clock.monotonicNanos() - startNanos;
    commitTimer.record(took, TimeUnit.NANOSECONDS);
    roundSize.delivered(batches, took);
    pacing.delivered(startNanos, batches.stream().mapToLong(b -> b.batch().payload().length).sum());
    budgeted.sent(batches);
    queue.acknowledge(batches);
    listeners.delivered(batches);
    for (StoredBatch b : batches) {
      metrics.uplinkBatches(b.batch().stream(), "ok").increment();
      metrics.uplinkBytes(b.batch().stream()).increment(b.batch().payload().length);
    }
    if (failing) {
      failing = false;
      log.info("uplink recovered, delivering the backlog");
    }
    backoffMs = MIN_BACKOFF_MS;
    refreshStats(false);
    return true;
  }

  /**
   * Reads the committed checkpoints and drops what they cover.
   *
   * @return true if done; false if the checkpoints could not be read (retry later)
   */
  private boolean reconcile(Duration timeout) {
    Map<String, Long> checkpoints;
    try {
      checkpoints = uplink.committedCheckpoints(timeout);
    } catch (UplinkException e) {
      if (!reconcileFailing) {
        reconcileFailing = true;
        log.warn(
            "cannot read the uplink checkpoints yet, delivery waits and retries: {}",
            e.getMessage());
      }
      return false;
    }
    List<String> done = new ArrayList<>();
    checkpoints.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String stream = e.getKey();
              long committed = e.getValue();
              Long atStart = startSeqs.get(stream);
              long local = atStart != null ? atStart : queue.lastBatchSeq(stream);
              int dropped = queue.dropThrough(stream, Math.min(committed, local));
              done.add(stream + " committed through " + committed + ", " + dropped + " dropped");
              if (committed > local) {
                seqFloors.raise(stream, committed);
                log.warn(
                    "stream {}: the remote end committed batch_seq {} but this queue only reached"
                        + " {} (data dir replaced?); new batches continue after {}",
                    stream,
                    committed,
                    local,
                    committed);
              }
            });
    reconciled = true;
    reconcileFailing = false;
    backoffMs = MIN_BACKOFF_MS;
    log.info(
        "uplink checkpoints reconciled: {}",
        done.isEmpty() ? "nothing committed yet" : String.join("; ", done));
    return true;
  }

  private void pause() {
    try {
      stopped.await(backoffMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  /**
   * Refreshes {@link #stats()} if it is older than 250 ms. Called by the batcher after each append
   * as well, so the snapshot stays current while this loop is blocked in a delivery to a broker
   * that does not answer (up to the delivery timeout).
   */
  void refreshStatsIfStale() {
    refreshStats(false);
  }

  private void refreshStats(boolean force) {
    long now = clock.monotonicNanos();
    long at = statsAtNanos.get();
    if (force) {
      statsAtNanos.set(now);
      stats = queue.stats();
    } else if (now - at >= STATS_REFRESH_NANOS && statsAtNanos.compareAndSet(at, now)) {
      stats = queue.stats();
    }
  }
}
