package io.edgegateway.buffer;

import static io.edgegateway.buffer.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.config.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evictions reach the audit log once per committed eviction, with counts and the id range. */
class QueueAuditTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dataDir;

  record Appended(AuditKind kind, Map<String, Object> detail) {}

  private final List<Appended> audited = new CopyOnWriteArrayList<>();

  @Test
  void aTtlExpiryIsOneTtlDropAndAQuotaEvictionOneEvictionWithCountsAndRanges() {
    ManualClock clock = new ManualClock(T0);
    try (SqliteDurableQueue queue =
        SqliteDurableQueue.open(dataDir, 1 << 20, Durability.PROCESS, Duration.ofHours(1), clock)) {
      queue.auditTo((kind, actor, detail) -> audited.add(new Appended(kind, Map.copyOf(detail))));
      queue.append(batch("telemetry", 1, 5, T0, new byte[100]));
      queue.append(batch("diagnostics", 1, 1, T0 + 1_000, new byte[100]));
      queue.append(batch("telemetry", 2, 5, T0 + 30 * 60_000, new byte[100]));
      clock.advanceMillis(Duration.ofHours(1).toMillis() + 1_001);
      assertThat(queue.expire()).isEqualTo(2);

      assertThat(audited).hasSize(1);
      assertThat(audited.get(0).kind()).isEqualTo(AuditKind.TTL_DROP);
      assertThat(audited.get(0).detail())
          .containsEntry("reason", "ttl")
          .containsEntry("batches", 2L)
          .containsEntry("bytes", 200L)
          .containsEntry("streams", List.of("diagnostics", "telemetry"))
          .containsKeys("first_queue_id", "last_queue_id");

      // past the quota: the oldest, lowest priority goes, as one eviction record
      queue.limits(1 << 20, Duration.ofHours(1));
      audited.clear();
      for (int seq = 3; seq < 3 + 12; seq++) {
        queue.append(batch("telemetry", seq, 5, clock.wallMillis(), new byte[100 * 1024]));
      }
      assertThat(audited).isNotEmpty();
      assertThat(audited).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AuditKind.EVICTION));
      assertThat(audited.get(0).detail()).containsEntry("reason", "quota");
    }
  }
}
