package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static io.edgegateway.buffer.TestBatches.view;
import static io.edgegateway.buffer.TestBatches.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.budget.ClassOrder;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DurableQueue} promises, run against an implementation by extending
 * this class.
 */
abstract class DurableQueueContract {

  static final long LARGE_QUOTA = 64L * 1024 * 1024;

  private final List<DurableQueue> opened = new ArrayList<>();

  /**
   * Opens the implementation over this test's storage with a quota of {@code maxBytes} payload
   * bytes; a second call after {@link DurableQueue#close} must see what the first one stored.
   */
  protected abstract DurableQueue openQueue(long maxBytes);

  private DurableQueue open(long maxBytes) {
    DurableQueue queue = openQueue(maxBytes);
    opened.add(queue);
    return queue;
  }

  private DurableQueue reopen(DurableQueue queue, long maxBytes) {
    queue.close();
    return open(maxBytes);
  }

  @AfterEach
  void closeQueues() {
    opened.forEach(DurableQueue::close);
  }

  private static List<StoredBatch> all(DurableQueue queue) {
    return queue.oldest(Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  @Test
  void emptyQueueHasNothingWaiting() {
    DurableQueue queue = open(LARGE_QUOTA);

    assertThat(all(queue)).isEmpty();
    assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0, Map.of(), Map.of()));
    assertThat(queue.lastBatchSeq("telemetry")).isZero();
  }

  @Test
  void oldestReturnsBatchesInAppendOrderWithIncreasingIds() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));
    queue.append(batch("diagnostics", 1, 1, 20));
    queue.append(batch("telemetry", 2, 9, 30));
    queue.append(batch("diagnostics", 2, 0, 40));

    List<StoredBatch> oldest = all(queue);

    assertThat(names(oldest))
        .containsExactly("telemetry/1", "diagnostics/1", "telemetry/2", "diagnostics/2");
    assertThat(oldest).extracting(StoredBatch::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void oldestDoesNotRemoveBatches() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));
    queue.append(batch("telemetry", 2, 5, 10));

    List<StoredBatch> first = all(queue);

    assertThat(all(queue)).extracting(StoredBatch::id).isEqualTo(ids(first));
    assertThat(queue.stats().batches()).isEqualTo(2);
  }

  @Test
  void oldestReturnsAtMostMaxBatches() {
    DurableQueue queue = open(LARGE_QUOTA);
    for (long seq = 1; seq <= 5; seq++) {
      queue.append(batch("telemetry", seq, 5, 10));
    }

    assertThat(names(queue.oldest(3, Long.MAX_VALUE)))
        .containsExactly("telemetry/1", "telemetry/2", "telemetry/3");
  }

  @Test
  void oldestStopsBeforeTheBatchThatWouldExceedMaxBytes() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 100));
    queue.append(batch("telemetry", 2, 5, 100));
    queue.append(batch("telemetry", 3, 5, 100));
    queue.append(batch("telemetry", 4, 5, 1));

    assertThat(names(queue.oldest(10, 250))).containsExactly("telemetry/1", "telemetry/2");
    assertThat(names(queue.oldest(10, 300)))
        .containsExactly("telemetry/1", "telemetry/2", "telemetry/3");
  }

  @Test
  void oldestReturnsTheFirstBatchEvenWhenItAloneExceedsMaxBytes() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 1000));
    queue.append(batch("telemetry", 2, 5, 1));

    assertThat(names(queue.oldest(10, 10))).containsExactly("telemetry/1");
  }

  @Test
  void acknowledgeRemovesOnlyTheDeliveredBatches() {
    DurableQueue queue = open(LARGE_QUOTA);
    for (long seq = 1; seq <= 4; seq++) {
      queue.append(batch("telemetry", seq, 5, 10));
    }
    List<StoredBatch> before = all(queue);

    queue.acknowledge(List.of(before.get(0), before.get(2)));

    assertThat(names(all(queue))).containsExactly("telemetry/2", "telemetry/4");
    assertThat(queue.stats().batches()).isEqualTo(2);
    assertThat(queue.stats().bytes()).isEqualTo(20);
  }

  @Test
  void acknowledgingBatchesThatAreGoneIsNotAnError() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));
    queue.append(batch("telemetry", 2, 5, 10));
    List<StoredBatch> first = queue.oldest(1, Long.MAX_VALUE);
    queue.acknowledge(first);

    queue.acknowledge(first);
    queue.acknowledge(List.of(first.get(0), first.get(0)));
    queue.acknowledge(List.of());

    assertThat(names(all(queue))).containsExactly("telemetry/2");
    assertThat(queue.stats().batches()).isEqualTo(1);
    assertThat(queue.stats().bytes()).isEqualTo(10);
  }

  @Test
  void lastBatchSeqIsTheHighestAppendedPerStream() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 3, 5, 10));
    queue.append(batch("telemetry", 7, 5, 10));
    queue.append(batch("diagnostics", 2, 5, 10));

    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(7);
    assertThat(queue.lastBatchSeq("diagnostics")).isEqualTo(2);
    assertThat(queue.lastBatchSeq("perception")).isZero();
  }

  @Test
  void lastBatchSeqSurvivesDeliveryOfEveryBatchAndReopen() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));
    queue.append(batch("telemetry", 2, 5, 10));
    queue.acknowledge(all(queue));
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(2);

    DurableQueue reopened = reopen(queue, LARGE_QUOTA);

    assertThat(all(reopened)).isEmpty();
    assertThat(reopened.lastBatchSeq("telemetry")).isEqualTo(2);
    assertThatThrownBy(() -> reopened.append(batch("telemetry", 2, 5, 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendRejectsABatchSeqThatIsNotAboveTheLast() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 5, 5, 10));

    assertThatThrownBy(() -> queue.append(batch("telemetry", 5, 5, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5")
        .hasMessageContaining("telemetry");
    assertThatThrownBy(() -> queue.append(batch("telemetry", 4, 5, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4")
        .hasMessageContaining("5");
    assertThat(names(all(queue))).containsExactly("telemetry/5");
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(5);
  }

  @Test
  void batchSeqIsCheckedPerStream() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 5, 5, 10));

    queue.append(batch("diagnostics", 1, 5, 10));

    assertThat(names(all(queue))).containsExactly("telemetry/5", "diagnostics/1");
  }

  @Test
  void dropThroughDeletesOnlyThatStreamsBatchesAtOrBelowTheSeq() {
    DurableQueue queue = open(LARGE_QUOTA);
    for (int seq = 1; seq <= 5; seq++) {
      queue.append(batch("telemetry", seq, 5, 10));
    }
    queue.append(batch("diagnostics", 1, 5, 10));

    int dropped = queue.dropThrough("telemetry", 3);

    assertThat(dropped).isEqualTo(3);
    assertThat(names(all(queue))).containsExactly("telemetry/4", "telemetry/5", "diagnostics/1");
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(5);
    QueueStats stats = queue.stats();
    assertThat(stats.batches()).isEqualTo(3);
    assertThat(stats.bytes()).isEqualTo(30);
  }

  @Test
  void dropThroughAboveTheLastSeqRaisesItDurably() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));

    assertThat(queue.dropThrough("telemetry", 9)).isEqualTo(1);
    assertThat(queue.dropThrough("perception", 4)).isZero();
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(9);

    DurableQueue reopened = reopen(queue, LARGE_QUOTA);

    assertThat(all(reopened)).isEmpty();
    assertThat(reopened.lastBatchSeq("telemetry")).isEqualTo(9);
    assertThat(reopened.lastBatchSeq("perception")).isEqualTo(4);
    assertThatThrownBy(() -> reopened.append(batch("telemetry", 9, 5, 10)))
        .isInstanceOf(IllegalArgumentException.class);
    reopened.append(batch("telemetry", 10, 5, 10));
    assertThat(names(all(reopened))).containsExactly("telemetry/10");
  }

  @Test
  void dropThroughNeverLowersTheLastSeq() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 7, 5, 10));

    assertThat(queue.dropThrough("telemetry", 2)).isZero();

    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(7);
    assertThat(names(all(queue))).containsExactly("telemetry/7");
    assertThatThrownBy(() -> queue.dropThrough("telemetry", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSeq : -1 (expected: >= 0)");
  }

  @Test
  void statsCountBatchesBytesAndOldestSealTimePerStream() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 2_000L, new byte[100]));
    queue.append(batch("telemetry", 2, 5, 1_000L, new byte[50]));
    queue.append(batch("diagnostics", 4, 1, 3_000L, new byte[7]));
    queue.append(batch("perception", 1, 1, 500L, new byte[1]));
    queue.acknowledge(List.of(all(queue).get(3)));

    QueueStats stats = queue.stats();

    assertThat(stats.batches()).isEqualTo(3);
    assertThat(stats.bytes()).isEqualTo(157);
    assertThat(stats.oldestSealedAtMillis()).isEqualTo(1_000L);
    assertThat(stats.streams())
        .containsEntry("telemetry", new QueueStats.StreamStats(2, 150, 1_000L, 2))
        .containsEntry("diagnostics", new QueueStats.StreamStats(1, 7, 3_000L, 4))
        .containsEntry("perception", new QueueStats.StreamStats(0, 0, 0, 1));
    assertThat(stats.evictedBatches().getOrDefault("quota", 0L)).isZero();
  }

  @Test
  void appendPastTheQuotaEvictsTheLowestPriorityFirst() {
    DurableQueue queue = open(300);
    queue.append(batch("telemetry", 1, 5, 100));
    queue.append(batch("diagnostics", 1, 1, 100));
    queue.append(batch("telemetry", 2, 9, 100));

    queue.append(batch("telemetry", 3, 5, 100));

    assertThat(names(all(queue))).containsExactly("telemetry/1", "telemetry/2", "telemetry/3");
    assertThat(queue.stats().bytes()).isEqualTo(300);
    assertThat(queue.stats().evictedBatches()).containsEntry("quota", 1L);
  }

  @Test
  void appendPastTheQuotaEvictsTheOldestAmongEqualPriorities() {
    DurableQueue queue = open(300);
    queue.append(batch("telemetry", 1, 9, 100));
    queue.append(batch("telemetry", 2, 3, 100));
    queue.append(batch("diagnostics", 1, 3, 100));

    queue.append(batch("telemetry", 3, 9, 150));

    assertThat(names(all(queue))).containsExactly("telemetry/1", "telemetry/3");
    assertThat(queue.stats().bytes()).isEqualTo(250);
    assertThat(queue.stats().evictedBatches()).containsEntry("quota", 2L);
  }

  @Test
  void appendFillingTheQuotaExactlyEvictsNothing() {
    DurableQueue queue = open(300);
    queue.append(batch("telemetry", 1, 5, 100));
    queue.append(batch("telemetry", 2, 5, 200));

    assertThat(queue.stats().bytes()).isEqualTo(300);
    assertThat(queue.stats().evictedBatches().getOrDefault("quota", 0L)).isZero();
  }

  @Test
  void evictionKeepsStatsAndLastBatchSeqRight() {
    DurableQueue queue = open(250);
    queue.append(batch("diagnostics", 1, 0, 100));
    queue.append(batch("diagnostics", 2, 0, 100));
    queue.append(batch("telemetry", 1, 5, 200));

    QueueStats stats = queue.stats();

    assertThat(stats.streams().get("diagnostics"))
        .isEqualTo(new QueueStats.StreamStats(0, 0, 0, 2, Map.of("quota", 2L)));
    assertThat(stats.streams().get("telemetry").batches()).isEqualTo(1);
    assertThat(stats.streams().get("telemetry").evictedBatches()).isEmpty();
    assertThat(stats.evictedBatches()).containsEntry("quota", 2L);
    assertThat(queue.lastBatchSeq("diagnostics")).isEqualTo(2);
  }

  @Test
  void aBatchLargerThanTheWholeQuotaIsRejectedAndNothingIsEvicted() {
    DurableQueue queue = open(300);
    queue.append(batch("telemetry", 1, 0, 100));

    assertThatThrownBy(() -> queue.append(batch("telemetry", 2, 9, 301)))
        .isInstanceOf(QueueException.class)
        .hasMessageContaining("301")
        .hasMessageContaining("300");

    assertThat(names(all(queue))).containsExactly("telemetry/1");
    assertThat(queue.lastBatchSeq("telemetry")).isEqualTo(1);
    queue.append(batch("telemetry", 2, 9, 200));
    assertThat(names(all(queue))).containsExactly("telemetry/1", "telemetry/2");
  }

  @Test
  void payloadBytesRoundTripExactly() {
    DurableQueue queue = open(LARGE_QUOTA);
    byte[] everyValue = new byte[512];
    for (int i = 0; i < everyValue.length; i++) {
      everyValue[i] = (byte) i;
    }
    byte[] large = new byte[1024 * 1024 + 3];
    new Random(42).nextBytes(large);
    List<SealedBatch> batches =
        List.of(
            batch("telemetry", 1, 5, 10L, new byte[0]),
            batch("telemetry", 2, 5, 11L, everyValue),
            batch("telemetry", 3, 5, 12L, large),
            new SealedBatch(
                "télémétrie/ü",
                Long.MAX_VALUE,
                9,
                Long.MAX_VALUE,
                0,
                Long.MIN_VALUE,
                -1,
                0,
                new byte[] {0}));
    batches.forEach(queue::append);

    assertThat(views(all(queue))).isEqualTo(TestBatches.viewsOf(batches));
  }

  @Test
  void reopenAfterCloseKeepsBatchesIdsAndStats() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 100));
    queue.append(batch("diagnostics", 1, 2, 50));
    queue.append(batch("telemetry", 2, 5, 70));
    queue.acknowledge(queue.oldest(1, Long.MAX_VALUE));
    List<StoredBatch> before = all(queue);
    QueueStats statsBefore = queue.stats();

    queue = reopen(queue, LARGE_QUOTA);

    List<StoredBatch> after = all(queue);
    assertThat(ids(after)).isEqualTo(ids(before));
    assertThat(views(after)).isEqualTo(views(before));
    assertThat(queue.stats()).isEqualTo(statsBefore);
  }

  @Test
  void idsKeepIncreasingAfterEverythingWasDeliveredAndTheQueueReopened() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));
    queue.append(batch("telemetry", 2, 5, 10));
    long lastId = all(queue).get(1).id();
    queue.acknowledge(all(queue));
    queue = reopen(queue, LARGE_QUOTA);

    queue.append(batch("telemetry", 3, 5, 10));

    assertThat(all(queue).get(0).id()).isGreaterThan(lastId);
  }

  @Test
  void evictionCountsStartAtZeroWhenOpened() {
    DurableQueue queue = open(100);
    queue.append(batch("telemetry", 1, 5, 100));
    queue.append(batch("telemetry", 2, 5, 100));
    assertThat(queue.stats().evictedBatches()).containsEntry("quota", 1L);

    queue = reopen(queue, 100);

    assertThat(queue.stats().evictedBatches().getOrDefault("quota", 0L)).isZero();
    assertThat(names(all(queue))).containsExactly("telemetry/2");
  }

  @Test
  void closeIsIdempotent() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(batch("telemetry", 1, 5, 10));

    queue.close();
    queue.close();

    DurableQueue reopened = open(LARGE_QUOTA);
    assertThat(views(all(reopened))).containsExactly(view(batch("telemetry", 1, 5, 10)));
  }

  private static final long NOW = 1_700_000_100_000L;

  private static SealedBatch aged(String stream, long seq, int priority, long ageSeconds) {
    return batch(stream, seq, priority, NOW - ageSeconds * 1000, new byte[100]);
  }

  @Test
  void next_takesWholeStreamsInClassOrder_eachInBatchSeqOrder() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(aged("telemetry", 1, 5, 600)); // backlog: its head is 10 min old
    queue.append(aged("perception", 1, 3, 30));
    queue.append(aged("telemetry", 2, 5, 20));
    queue.append(aged("incidents", 1, 9, 700));
    queue.append(aged("perception", 2, 3, 10));
    queue.append(aged("diagnostics", 1, 7, 5));

    List<StoredBatch> next =
        queue.next(100, Long.MAX_VALUE, ClassOrder.at(NOW, Duration.ofSeconds(60)));

    assertThat(names(next))
        .containsExactly(
            "incidents/1",
            "diagnostics/1",
            "perception/1",
            "perception/2",
            "telemetry/1",
            "telemetry/2");
  }

  @Test
  void next_aStreamGoesAtItsHighestWaitingPriority() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(aged("telemetry", 1, 1, 10));
    queue.append(aged("perception", 1, 5, 10));
    queue.append(aged("telemetry", 2, 8, 5));

    List<StoredBatch> next =
        queue.next(100, Long.MAX_VALUE, ClassOrder.at(NOW, Duration.ofSeconds(60)));

    assertThat(names(next)).containsExactly("telemetry/1", "telemetry/2", "perception/1");
  }

  @Test
  void next_stopsAtTheLimits_keepingTheFirstBatchEvenIfLarger() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(aged("incidents", 1, 9, 1));
    queue.append(aged("incidents", 2, 9, 1));
    queue.append(aged("telemetry", 1, 5, 1));
    var order = ClassOrder.at(NOW, Duration.ofSeconds(60));

    assertThat(names(queue.next(100, 1, order))).containsExactly("incidents/1");
    assertThat(names(queue.next(100, 250, order))).containsExactly("incidents/1", "incidents/2");
    assertThat(names(queue.next(3, Long.MAX_VALUE, order)))
        .containsExactly("incidents/1", "incidents/2", "telemetry/1");
    assertThat(names(queue.next(1, Long.MAX_VALUE, order))).containsExactly("incidents/1");
  }

  @Test
  void next_whatItReturnsIsDeletedByAcknowledge() {
    DurableQueue queue = open(LARGE_QUOTA);
    queue.append(aged("telemetry", 1, 5, 1));
    queue.append(aged("incidents", 1, 9, 1));
    var order = ClassOrder.at(NOW, Duration.ofSeconds(60));

    List<StoredBatch> first = queue.next(1, Long.MAX_VALUE, order);
    queue.acknowledge(first);

    assertThat(names(first)).containsExactly("incidents/1");
    assertThat(names(queue.next(100, Long.MAX_VALUE, order))).containsExactly("telemetry/1");
    assertThat(queue.stats().batches()).isEqualTo(1);
  }

  private static List<Long> ids(List<StoredBatch> stored) {
    return stored.stream().map(StoredBatch::id).toList();
  }
}
