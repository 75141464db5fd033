package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDurableQueueTtlTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final Duration TTL = Duration.ofHours(1);

  @TempDir Path dataDir;

  private final ManualClock clock = new ManualClock(T0);
  private final List<SqliteDurableQueue> opened = new ArrayList<>();

  @AfterEach
  void closeQueues() {
    opened.forEach(SqliteDurableQueue::close);
  }

  private SqliteDurableQueue open() {
    SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS, TTL, clock);
    opened.add(queue);
    return queue;
  }

  private static SealedBatch sealedAt(String stream, long seq, int priority, long millis) {
    return batch(stream, seq, priority, millis, new byte[100]);
  }

  @Test
  void expireEvictsOnlyBatchesOlderThanTheTtlAndCountsThemPerStream() {
    SqliteDurableQueue queue = open();
    queue.append(sealedAt("telemetry", 1, 5, T0));
    queue.append(sealedAt("diagnostics", 1, 1, T0 + 1_000));
    queue.append(sealedAt("telemetry", 2, 5, T0 + 30 * 60_000));

    clock.advanceMillis(TTL.toMillis() + 1_001);
    int expired = queue.expire();

    assertThat(expired).isEqualTo(2);
    assertThat(names(queue.oldest(10, Long.MAX_VALUE))).containsExactly("telemetry/2");
    QueueStats stats = queue.stats();
    assertThat(stats.batches()).isEqualTo(1);
    assertThat(stats.bytes()).isEqualTo(100);
    assertThat(stats.evictedBatches()).isEqualTo(Map.of("ttl", 2L));
    assertThat(stats.streams().get("telemetry").evictedBatches()).isEqualTo(Map.of("ttl", 1L));
    assertThat(stats.streams().get("diagnostics").evictedBatches()).isEqualTo(Map.of("ttl", 1L));
    assertThat(queue.lastBatchSeq("diagnostics")).isEqualTo(1);
  }

  @Test
  void aBatchExactlyTtlOldIsKept() {
    SqliteDurableQueue queue = open();
    queue.append(sealedAt("telemetry", 1, 5, T0));

    clock.advanceMillis(TTL.toMillis());

    assertThat(queue.expire()).isZero();
    assertThat(queue.stats().batches()).isEqualTo(1);
  }

  @Test
  void oldestDoesNotHandOutExpiredBatchesOnceASecondHasPassed() {
    SqliteDurableQueue queue = open();
    queue.append(sealedAt("telemetry", 1, 5, T0));
    queue.append(sealedAt("telemetry", 2, 5, T0 + TTL.toMillis()));

    clock.advanceMillis(TTL.toMillis() + 2_000);

    assertThat(names(queue.oldest(10, Long.MAX_VALUE))).containsExactly("telemetry/2");
    assertThat(queue.stats().evictedBatches()).containsEntry("ttl", 1L);
  }

  @Test
  void appendExpiresAtMostOnceASecond() {
    SqliteDurableQueue queue = open();
    queue.append(sealedAt("telemetry", 1, 5, T0));
    clock.advanceMillis(TTL.toMillis() + 2_000);
    queue.append(sealedAt("telemetry", 2, 5, clock.wallMillis()));
    assertThat(queue.stats().evictedBatches()).containsEntry("ttl", 1L);

    queue.append(sealedAt("telemetry", 3, 5, T0));
    clock.advanceMillis(500);
    queue.append(sealedAt("telemetry", 4, 5, clock.wallMillis()));
    assertThat(names(queue.oldest(10, Long.MAX_VALUE)))
        .containsExactly("telemetry/2", "telemetry/3", "telemetry/4");

    clock.advanceMillis(600);
    queue.append(sealedAt("telemetry", 5, 5, clock.wallMillis()));
    assertThat(names(queue.oldest(10, Long.MAX_VALUE)))
        .containsExactly("telemetry/2", "telemetry/4", "telemetry/5");
    assertThat(queue.stats().evictedBatches()).containsEntry("ttl", 2L);
  }

  @Test
  void expiredBatchesStayGoneAfterReopen() {
    SqliteDurableQueue queue = open();
    queue.append(sealedAt("telemetry", 1, 5, T0));
    queue.append(sealedAt("telemetry", 2, 5, T0 + TTL.toMillis()));
    clock.advanceMillis(TTL.toMillis() + 1);
    queue.expire();
    queue.close();

    SqliteDurableQueue reopened = open();

    assertThat(names(reopened.oldest(10, Long.MAX_VALUE))).containsExactly("telemetry/2");
    assertThat(reopened.stats().bytes()).isEqualTo(100);
    assertThat(reopened.stats().evictedBatches()).isEmpty();
    assertThat(reopened.lastBatchSeq("telemetry")).isEqualTo(2);
  }

  @Test
  void quotaAndTtlEvictionsAreCountedUnderTheirOwnReasons() {
    SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 250, Durability.PROCESS, TTL, clock);
    opened.add(queue);
    queue.append(sealedAt("diagnostics", 1, 0, T0));
    queue.append(sealedAt("telemetry", 1, 5, T0));
    queue.append(sealedAt("telemetry", 2, 5, T0 + TTL.toMillis()));
    clock.advanceMillis(TTL.toMillis() + 1);

    assertThat(queue.expire()).isEqualTo(1);

    QueueStats stats = queue.stats();
    assertThat(stats.evictedBatches()).isEqualTo(Map.of("quota", 1L, "ttl", 1L));
    assertThat(stats.streams().get("diagnostics").evictedBatches()).isEqualTo(Map.of("quota", 1L));
    assertThat(stats.streams().get("telemetry").evictedBatches()).isEqualTo(Map.of("ttl", 1L));
  }

  @Test
  void withoutATtlNothingExpires() {
    SqliteDurableQueue queue = SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS);
    opened.add(queue);
    queue.append(sealedAt("telemetry", 1, 5, 1L));

    assertThat(queue.expire()).isZero();
    assertThat(queue.stats().batches()).isEqualTo(1);
  }

  @Test
  void aTtlThatIsNotPositiveIsRejected() {
    assertThatThrownBy(
            () ->
                SqliteDurableQueue.open(
                    dataDir, 1024, Durability.PROCESS, Duration.ZERO, Clock.system()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl : PT0S (expected: > 0)");
  }
}
