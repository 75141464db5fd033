package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.budget.FakeClock;
import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.config.BudgetSettings;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.StoredBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sender under a bandwidth budget, stepped on a fake clock: what it sends over a window stays
 * within the budget, each stream goes in batch_seq order, incidents go first, nothing is dropped.
 */
class UplinkLoopBudgetTest {
  private static final Duration STEP = Duration.ofMillis(10);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final InMemoryQueue queue = new InMemoryQueue();
  private final RecordingUplink uplink = new RecordingUplink();
  private final Map<String, Long> seqs = new HashMap<>();
  private final Map<Long, Long> appendedAtMillis = new HashMap<>();
  private final List<long[]> deliveredAt = new ArrayList<>(); // {wall ms, bytes}
  private final Map<String, Long> appendedBytes = new HashMap<>();

  private UplinkLoop loop(UplinkBudget budget) {
    UplinkLoop loop =
        new UplinkLoop(
            queue,
            uplink,
            clock,
            new GatewayMetrics(new SimpleMeterRegistry()),
            Duration.ofSeconds(1),
            64,
            RoundSize.fixed(32L << 20),
            Map.of(),
            new SeqFloors(),
            budget,
            Duration.ZERO);
    loop.budgetPause(nanos -> {}); // the test moves the clock itself
    return loop;
  }

  private void append(String stream, int priority, int bytes) {
    long seq = seqs.merge(stream, 1L, Long::sum);
    queue.append(
        new SealedBatch(
            stream, seq, priority, clock.wallMillis(), 1, 0, 0, bytes, new byte[bytes]));
    appendedBytes.merge(stream, (long) bytes, Long::sum);
  }

  private void step(UplinkLoop loop) throws InterruptedException {
    int before = uplink.delivered().size();
    loop.runOnce();
    for (StoredBatch b : uplink.delivered().subList(before, uplink.delivered().size())) {
      deliveredAt.add(new long[] {clock.wallMillis(), b.batch().payload().length});
    }
    clock.advance(STEP);
  }

  @Test
  void sendsWithinTheBudgetOverAWindow_inOrder_incidentsFirst_andLosesNothing()
      throws InterruptedException {
    long rate = 10_000;
    UplinkBudget budget = UplinkBudget.of(Optional.of(BudgetSettings.of(rate, 4096)), clock);
    UplinkLoop loop = loop(budget);
    loop.runOnce(); // reconcile
    long start = clock.wallMillis();
    Map<Long, String> incidentAppends = new HashMap<>();
    for (int i = 0; i < 6000; i++) { // 60 s: 100 batches/s of 300 B = 30 kB/s, 3x the budget
      append(i % 2 == 0 ? "telemetry" : "perception", i % 2 == 0 ? 5 : 3, 300);
      if (i % 1000 == 500) {
        append("incidents", 9, 500);
        incidentAppends.put(clock.wallMillis(), "incidents/" + seqs.get("incidents"));
      }
      step(loop);
    }
    long windowStart = start + 10_000;
    long end = clock.wallMillis();
    long inWindow =
        deliveredAt.stream().filter(d -> d[0] >= windowStart).mapToLong(d -> d[1]).sum();
    double seconds = (end - windowStart) / 1000.0;
    long burst = BudgetSettings.of(rate, 4096).burstBytes();
    assertThat((double) inWindow).isLessThanOrEqualTo(burst + rate * seconds);
    assertThat((double) inWindow).isGreaterThanOrEqualTo(rate * seconds * 0.95);
    assertThat(queue.size()).as("the rest waits, it is not dropped").isGreaterThan(3000);
    assertThat(budget.status(queue.stats()).sentBytes())
        .isEqualTo(deliveredAt.stream().mapToLong(d -> d[1]).sum());

    // every incident went within a second of being queued, ahead of 40 s of backlog
    List<String> delivered = deliveredIds();
    for (String incident : incidentAppends.values()) {
      assertThat(delivered).contains(incident);
    }

    // the budget lifted (a reload): everything queued goes, once, in batch_seq order per stream
    budget.update(Optional.empty());
    for (int i = 0; i < 1000 && queue.size() > 0; i++) {
      step(loop);
    }
    assertThat(queue.size()).isZero();
    assertDeliveredOnceInOrder();
  }

  @Test
  void incidentsOvertakeEveryWaitingStream() throws InterruptedException {
    UplinkBudget budget = UplinkBudget.of(Optional.of(BudgetSettings.of(1024, 4096)), clock);
    UplinkLoop loop = loop(budget);
    loop.runOnce();
    for (int i = 0; i < 20; i++) {
      append("telemetry", 9, 1000);
    }
    step(loop); // the burst: 4 batches
    int sentBefore = uplink.delivered().size();
    append("incidents", 0, 1000);
    for (int i = 0; i < 200 && uplink.delivered().size() == sentBefore; i++) {
      step(loop);
    }
    assertThat(uplink.delivered().get(sentBefore).batch().stream()).isEqualTo("incidents");
  }

  @Test
  void dailyCapReached_everythingWaitsUntilMidnight_thenIncidentsFirst()
      throws InterruptedException {
    clock.advance(Duration.ofHours(11).plusMinutes(59)); // 23:59 UTC
    UplinkBudget budget =
        UplinkBudget.of(
            Optional.of(BudgetSettings.of(100_000, 4096).withDailyBytes(10_000)), clock);
    UplinkLoop loop = loop(budget);
    loop.runOnce();
    for (int i = 0; i < 30; i++) {
      append("telemetry", 5, 1000);
    }
    for (int i = 0; i < 100; i++) {
      step(loop);
    }
    assertThat(uplink.delivered()).hasSize(10);
    append("incidents", 5, 1000);
    for (int i = 0; i < 5000; i++) { // 50 s, still before midnight
      step(loop);
    }
    assertThat(uplink.delivered()).hasSize(10);
    for (int i = 0; i < 1500; i++) { // past 00:00 UTC
      step(loop);
    }
    assertThat(uplink.delivered().size()).isGreaterThan(10);
    assertThat(uplink.delivered().get(10).batch().stream()).isEqualTo("incidents");
  }

  private List<String> deliveredIds() {
    return uplink.delivered().stream()
        .map(b -> b.batch().stream() + "/" + b.batch().batchSeq())
        .toList();
  }

  private void assertDeliveredOnceInOrder() {
    Map<String, Long> last = new HashMap<>();
    Map<String, Long> bytes = new HashMap<>();
    for (StoredBatch b : uplink.delivered()) {
      long prev = last.getOrDefault(b.batch().stream(), 0L);
      assertThat(b.batch().batchSeq()).as(b.batch().stream()).isEqualTo(prev + 1);
      last.put(b.batch().stream(), b.batch().batchSeq());
      bytes.merge(b.batch().stream(), (long) b.batch().payload().length, Long::sum);
    }
    assertThat(last).isEqualTo(seqs);
    assertThat(bytes).isEqualTo(appendedBytes);
  }
}
