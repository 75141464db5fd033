package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.budget.FakeClock;
import io.edgegateway.core.budget.UplinkBudget;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sender's rounds with an adaptive byte bound, stepped on a fake clock: a round is bounded by
 * bytes as well as by count, grows while the link keeps up, shrinks on a slow link and after a
 * failure, and every batch goes exactly once in order.
 */
class UplinkLoopRoundSizeTest {
  private static final long MIB = 1L << 20;

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final InMemoryQueue queue = new InMemoryQueue();
  private final TimedUplink uplink = new TimedUplink();

  /** Records each round; a delivery takes {@code nanosPerByte} per byte on the fake clock. */
  private final class TimedUplink implements Uplink {
    final List<List<StoredBatch>> rounds = new ArrayList<>();
    double nanosPerByte;
    boolean down;

    @Override
    public void deliver(List<StoredBatch> batches, Duration timeout) throws UplinkException {
      long bytes = batches.stream().mapToLong(b -> b.batch().payload().length).sum();
      clock.advance(Duration.ofNanos((long) (bytes * nanosPerByte)));
      if (down) {
        throw new UplinkException("broker unreachable", true, null);
      }
      rounds.add(List.copyOf(batches));
    }

    @Override
    public UplinkState state() {
      return UplinkState.CONNECTED;
    }

    @Override
    public void close(Duration timeout) {}
  }

  private UplinkLoop loop(int maxBatches) throws InterruptedException {
    UplinkLoop loop = newLoop(maxBatches, Duration.ZERO);
    loop.runOnce(); // reconcile
    return loop;
  }

  private UplinkLoop newLoop(int maxBatches, Duration roundInterval) {
    return new UplinkLoop(
        queue,
        uplink,
        clock,
        new GatewayMetrics(new SimpleMeterRegistry()),
        Duration.ofSeconds(30),
        maxBatches,
        RoundSize.adaptive(),
        Map.of(),
        new SeqFloors(),
        UplinkBudget.of(Optional.empty(), clock),
        roundInterval);
  }

  private void append(int count, int bytes) {
    for (int i = 0; i < count; i++) {
      long seq = queue.lastBatchSeq("telemetry") + 1;
      queue.append(new SealedBatch("telemetry", seq, 5, 0, 1, 0, 0, bytes, new byte[bytes]));
    }
  }

  private static long bytes(List<StoredBatch> round) {
    return round.stream().mapToLong(b -> b.batch().payload().length).sum();
  }

  @Test
  void smallRounds_startAtMostOncePerInterval_whileABacklogGoesBackToBack()
      throws InterruptedException {
    UplinkLoop loop = newLoop(1024, Duration.ofMillis(250));
    List<Long> pauses = new ArrayList<>();
    loop.budgetPause(
        nanos -> {
          pauses.add(nanos);
          clock.advance(Duration.ofNanos(nanos));
        });
    loop.runOnce(); // reconcile
    uplink.nanosPerByte = 1000; // 10 kB take 10 ms
    append(1, 10_000);
    loop.runOnce();
    append(2, 10_000); // appended while the sender waits: one round, one transaction
    loop.runOnce();
    append(300, 100_000); // 30 MB of backlog: no pause between its rounds
    uplink.nanosPerByte = 1;
    loop.runOnce();
    loop.runOnce();
    loop.runOnce();

    assertThat(uplink.rounds.get(0)).hasSize(1);
    assertThat(uplink.rounds.get(1)).hasSize(2);
    assertThat(pauses.get(0)).isEqualTo(Duration.ofMillis(240).toNanos()); // 250 after its start
    assertThat(bytes(uplink.rounds.get(2))).isGreaterThanOrEqualTo(RoundPacing.SMALL_ROUND_BYTES);
    assertThat(pauses).hasSize(2); // after the two small rounds only
  }

  @Test
  void round_isBoundedByCount_whenTheBatchesAreSmall() throws InterruptedException {
    UplinkLoop loop = loop(1024);
    append(3000, 100);
    uplink.nanosPerByte = 5; // 200 MB/s
    loop.runOnce();
    assertThat(uplink.rounds.get(0)).hasSize(1024);
  }

  @Test
  void round_isBoundedByBytes_andGrowsWhileTheLinkKeepsUp() throws InterruptedException {
    UplinkLoop loop = loop(1024);
    append(400, 100_000); // 40 MB of backlog
    uplink.nanosPerByte = 5; // 200 MB/s: 500 ms carry 100 MB, capped at 8 MiB
    loop.runOnce();
    loop.runOnce();
    assertThat(bytes(uplink.rounds.get(0))).isLessThanOrEqualTo(MIB);
    assertThat(bytes(uplink.rounds.get(1)))
        .isGreaterThan(7 * MIB)
        .isLessThanOrEqualTo(RoundSize.MAX_ADAPTIVE_BYTES);
  }

  @Test
  void round_staysNearTheTargetDuration_onASlowLink() throws InterruptedException {
    UplinkLoop loop = loop(1024);
    append(400, 100_000);
    uplink.nanosPerByte = 1000; // 1 MB/s: 500 ms carry 0.5 MB, so the 1 MiB minimum
    for (int i = 0; i < 3; i++) {
      loop.runOnce();
    }
    for (List<StoredBatch> round : uplink.rounds) {
      assertThat(bytes(round)).isLessThanOrEqualTo(MIB);
    }
  }

  @Test
  void failedDelivery_startsAgainFromTheSmallestRound_andResendsTheSameBatchesInOrder()
      throws InterruptedException {
    UplinkLoop loop = loop(1024);
    append(400, 100_000);
    uplink.nanosPerByte = 5;
    loop.runOnce();
    loop.runOnce(); // a large round now
    uplink.down = true;
    loop.runOnce(); // fails: rows stay, the bound falls back
    uplink.down = false;
    loop.runOnce();
    List<StoredBatch> afterFailure = uplink.rounds.get(2);
    assertThat(bytes(afterFailure)).isLessThanOrEqualTo(MIB);
    for (int i = 0; i < 100 && queue.size() > 0; i++) {
      loop.runOnce();
    }
    List<Long> seqs = new ArrayList<>();
    uplink.rounds.forEach(r -> r.forEach(b -> seqs.add(b.batch().batchSeq())));
    List<Long> expected = new ArrayList<>();
    for (long s = 1; s <= 400; s++) {
      expected.add(s);
    }
    assertThat(seqs).as("every batch once, in batch_seq order").isEqualTo(expected);
  }
}
