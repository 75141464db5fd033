package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static io.edgegateway.buffer.TestBatches.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.config.Durability;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteDurableQueue#limits}: a live reload of {@code buffer.max_bytes} and the TTL. */
class SqliteDurableQueueLimitsTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dataDir;

  private final ManualClock clock = new ManualClock(T0);

  @Test
  void aSmallerQuota_isEnforcedByTheNextAppend_lowestPriorityOldestFirst() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 10_000, Durability.PROCESS, Duration.ofHours(1), clock)) {
      queue.append(batch("telemetry", 1, 5, T0, new byte[1000]));
      queue.append(batch("telemetry", 2, 1, T0, new byte[1000]));
      queue.append(batch("telemetry", 3, 5, T0, new byte[1000]));

      queue.limits(2_500, Duration.ofHours(1));
      assertThat(queue.stats().batches()).isEqualTo(3); // nothing evicted until an append
      queue.append(batch("telemetry", 4, 5, T0, new byte[1000]));

      assertThat(names(queue.oldest(10, Long.MAX_VALUE)))
          .containsExactly("telemetry/3", "telemetry/4");
      assertThat(queue.stats().evictedBatches()).containsEntry("quota", 2L);
    }
  }

  @Test
  void aShorterTtl_isAppliedByTheNextExpiry() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS, Duration.ofHours(2), clock)) {
      queue.append(batch("telemetry", 1, 5, T0, new byte[100]));
      clock.advanceMillis(Duration.ofMinutes(90).toMillis());
      assertThat(queue.expire()).isZero();

      queue.limits(1 << 20, Duration.ofHours(1));

      assertThat(queue.expire()).isEqualTo(1);
      assertThat(queue.stats().evictedBatches()).containsEntry("ttl", 1L);
    }
  }

  @Test
  void aLimitOutOfRange_isRefusedAndTheOldOneKept() {
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 10_000, Durability.PROCESS, Duration.ofHours(1), clock)) {
      assertThatThrownBy(() -> queue.limits(0, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> queue.limits(10_000, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      queue.append(batch("telemetry", 1, 5, T0, new byte[9_000]));
      assertThat(queue.stats().batches()).isEqualTo(1);
    }
  }
}
