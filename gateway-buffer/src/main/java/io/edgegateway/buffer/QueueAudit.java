package io.edgegateway.buffer;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the queue tells the audit log: one {@code eviction} (quota, disk full) or {@code ttl_drop}
 * record per committed eviction, with counts, bytes, the streams and the range of queue ids; one
 * {@code disk_full} record when disk-full mode starts and one when it ends. Set once the daemon has
 * its audit log ({@link SqliteDurableQueue#auditTo}); nothing before.
 */
final class QueueAudit {
  private volatile AuditLog log = AuditLog.NONE;

  void to(AuditLog log) {
    this.log = log;
  }

  void evicted(List<BatchRow> rows, String reason) {
    if (rows.isEmpty()) {
      return;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    TreeSet<String> streams = new TreeSet<>();
    for (BatchRow row : rows) {
      first = Math.min(first, row.id());
      last = Math.max(last, row.id());
      streams.add(row.stream());
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("reason", reason);
    detail.put("batches", (long) rows.size());
    detail.put("bytes", BatchRow.totalBytes(rows));
    detail.put("streams", List.copyOf(streams));
    detail.put("first_queue_id", first);
    detail.put("last_queue_id", last);
    AuditKind kind =
        reason.equals(SqliteDurableQueue.EVICTED_FOR_TTL) ? AuditKind.TTL_DROP : AuditKind.EVICTION;
    log.append(kind, "queue", detail);
  }

  void diskFull(boolean entered) {
    log.append(AuditKind.DISK_FULL, "queue", Map.of("state", entered ? "entered" : "left"));
  }
}
