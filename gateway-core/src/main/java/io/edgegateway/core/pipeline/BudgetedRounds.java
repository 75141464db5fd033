package io.edgegateway.core.pipeline;

import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.StoredBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The sender's rounds: without a budget the oldest batches in append order ({@link
 * DurableQueue#oldest}); under the bandwidth budget whole streams in the budget's class order
 * ({@link DurableQueue#next}), cut to the prefix the budget admits (a prefix keeps each stream's
 * batches in {@code batch_seq} order). What is not admitted waits in the queue, never dropped for
 * the budget; the sender sleeps until the budget admits the next batch, at most 200 ms at a time so
 * a reload or a close is seen soon. It remembers the size of the batch that did not fit and does
 * not read the queue again until the budget admits that size (or the budget changes). Each round is
 * at most {@code maxBatches} batches and {@link RoundSize#bytes()} bytes (the first batch always
 * fits). Used by the sender's thread only.
 */
final class BudgetedRounds {
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** How the sender waits for the budget: at most {@code nanos}, less if it is closed. */
  @FunctionalInterface
  interface Pause {
    void await(long nanos) throws InterruptedException;
  }

  private final DurableQueue queue;
  private final UplinkBudget budget;
  private final int maxBatches;
  private final RoundSize roundSize;
  private Pause pause;
  private long generation = -1;
  private long blockedBytes;

  BudgetedRounds(
      DurableQueue queue, UplinkBudget budget, int maxBatches, RoundSize roundSize, Pause pause) {
    this.queue = queue;
    this.budget = budget;
    this.maxBatches = maxBatches;
    this.roundSize = roundSize;
    this.pause = pause;
  }

  void pause(Pause next) {
    this.pause = next;
  }

  /**
   * The next round, sleeping (up to 200 ms) when the budget admits nothing now.
   *
   * @return the batches to send (empty: the queue is empty), or null when the budget admits none of
   *     them yet
   * @throws InterruptedException if interrupted while waiting
   */
  @Nullable List<StoredBatch> nextOrWait() throws InterruptedException {
    List<StoredBatch> round = nextNow();
    if (round == null) {
      pause.await(
          Math.max(MIN_WAIT_NANOS, Math.min(budget.nanosUntil(needBytes()), MAX_WAIT_NANOS)));
    }
    return round;
  }

  /** The next round without waiting: as {@link #nextOrWait}, null at once when none is admitted. */
  @Nullable List<StoredBatch> nextNow() {
    long maxBytes = roundSize.bytes();
    if (!budget.limited()) {
      return queue.oldest(maxBatches, maxBytes);
    }
    long g = budget.generation();
    if (g != generation) {
      generation = g;
      blockedBytes = 0;
    }
    if (!budget.admits(needBytes())) {
      return null;
    }
    long allowance = budget.allowance();
    List<StoredBatch> read =
        queue.next(maxBatches, Math.max(1, Math.min(maxBytes, allowance)), budget.order());
    if (read.isEmpty()) {
      blockedBytes = 0;
      return read;
    }
    List<StoredBatch> admitted = new ArrayList<>(read.size());
    long total = 0;
    for (StoredBatch b : read) {
      long bytes = b.batch().payload().length;
      boolean fits = admitted.isEmpty() ? budget.admits(bytes) : total + bytes <= allowance;
      if (!fits) {
        break;
      }
      admitted.add(b);
      total += bytes;
    }
    if (admitted.isEmpty()) {
      blockedBytes = read.get(0).batch().payload().length;
      return null;
    }
    blockedBytes = 0;
    return admitted;
  }

  private long needBytes() {
    return Math.max(1, blockedBytes);
  }

  /** {@code batches} were delivered: their bytes count against the budget. */
  void sent(List<StoredBatch> batches) {
    long total = 0;
    for (StoredBatch b : batches) {
      total += b.batch().payload().length;
    }
    budget.sent(total);
  }
}
