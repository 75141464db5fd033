package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.buffer.capture.SqliteIncidentStore;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.capture.CaptureWindow;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentState;
import io.edgegateway.core.capture.IncidentUpload;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.StoredBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident states of the priority upload against the real queue and store, across simulated
 * restarts (both files closed and opened again): sealed → uploading → uploaded, and each restart
 * point in between.
 */
class IncidentUploadsTest {
  @TempDir Path dir;

  private final List<Map<String, ?>> audited = new ArrayList<>();
  private final AuditLog audit =
      (kind, actor, detail) -> {
        assertThat(kind).isEqualTo(AuditKind.CAPTURE);
        audited.add(detail);
      };
  private final AtomicBoolean ready = new AtomicBoolean(true);

  private SqliteDurableQueue queue() {
    return SqliteDurableQueue.open(dir.resolve("data"), 64L << 20, Durability.PROCESS);
  }

  private IncidentUploads uploads(SqliteDurableQueue queue, SqliteIncidentStore store) {
    BatchCodec codec = new BatchCodec("r", "i", new BatchLineage("fw", "m", "run", Map.of()), 3);
    return new IncidentUploads(
        new IncidentUpload(codec, queue, "r", "incidents", 2048, Clock.system()),
        store,
        ready::get,
        audit);
  }

  private static Incident seal(SqliteIncidentStore store, String id) throws Exception {
    Incident open = Incident.recording(id, "manual", "x", new CaptureWindow(0, 10_000), Set.of());
    store.save(open);
    return store.seal(
        open,
        sink -> {
          for (int i = 1; i <= 200; i++) {
            sink.accept(new Envelope("/t", "t/msg/T", i, i, i, new byte[50]));
          }
          return 10_000;
        },
        "");
  }

  private static List<SealedBatch> batchesOf(List<StoredBatch> stored) {
    return stored.stream().map(StoredBatch::batch).toList();
  }

  private List<Object> events() {
    return audited.stream().map(d -> (Object) d.get("event")).toList();
  }

  @Test
  void aSealedIncidentIsQueuedOnceReadyAndUploadedWhenItsManifestIsAcknowledged() throws Exception {
    try (SqliteDurableQueue queue = queue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      IncidentUploads uploads = uploads(queue, store);
      Incident sealed = seal(store, "a");
      ready.set(false);
      uploads.sealed(sealed);
      uploads.tick();
      assertThat(queue.stats().batches()).as("not before the uplink reconciled").isZero();
      ready.set(true);
      uploads.tick();
      assertThat(store.find("a").orElseThrow().state()).isEqualTo(IncidentState.UPLOADING);
      List<StoredBatch> all = queue.oldest(1000, Long.MAX_VALUE);
      List<StoredBatch> allButManifest = all.subList(0, all.size() - 1);
      queue.acknowledge(allButManifest);
      uploads.acknowledged(batchesOf(allButManifest));
      assertThat(store.find("a").orElseThrow().state()).isEqualTo(IncidentState.UPLOADING);
      queue.acknowledge(all);
      uploads.acknowledged(batchesOf(all.subList(all.size() - 1, all.size())));
      assertThat(store.find("a").orElseThrow().state()).isEqualTo(IncidentState.UPLOADED);
      assertThat(events()).containsExactly("uploading", "uploaded");
      assertThat(audited.get(0)).containsKeys("incident_id", "batches", "sha256", "samples");
      assertThat(audited.get(0)).doesNotContainKey("reason");
    }
  }

  @Test
  void aRestartAfterTheManifestWasQueuedButBeforeUploadingWasWrittenQueuesNothingTwice()
      throws Exception {
    int queued;
    try (SqliteDurableQueue queue = queue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident sealed = seal(store, "b");
      // the queue side done, then the process dies before incidents.db says uploading
      IncidentUpload upload =
          new IncidentUpload(
              new BatchCodec("r", "i", new BatchLineage("fw", "m", "run", Map.of()), 3),
              queue,
              "r",
              "incidents",
              2048,
              Clock.system());
      upload.queue(sealed, store).orElseThrow();
      queued = queue.oldest(1000, Long.MAX_VALUE).size();
      assertThat(store.find("b").orElseThrow().state()).isEqualTo(IncidentState.SEALED);
    }
    try (SqliteDurableQueue queue = queue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      IncidentUploads uploads = uploads(queue, store);
      uploads.tick();
      assertThat(store.find("b").orElseThrow().state()).isEqualTo(IncidentState.UPLOADING);
      assertThat(queue.oldest(1000, Long.MAX_VALUE)).hasSize(queued);
    }
  }

  @Test
  void aRestartFindsAnUploadingIncidentWhoseRecordsAreGoneUploadedAndOneStillQueuedWaiting()
      throws Exception {
    try (SqliteDurableQueue queue = queue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      IncidentUploads uploads = uploads(queue, store);
      uploads.sealed(seal(store, "c"));
      uploads.tick();
      // c's records reach Kafka; the process dies before the acknowledgement is handled
      queue.acknowledge(queue.oldest(1000, Long.MAX_VALUE));
      uploads.sealed(seal(store, "d"));
      uploads.tick();
    }
    try (SqliteDurableQueue queue = queue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      IncidentUploads uploads = uploads(queue, store);
      uploads.tick();
      assertThat(store.find("c").orElseThrow().state()).isEqualTo(IncidentState.UPLOADED);
      assertThat(store.find("d").orElseThrow().state()).isEqualTo(IncidentState.UPLOADING);
      List<StoredBatch> left = queue.oldest(1000, Long.MAX_VALUE);
      queue.acknowledge(left);
      uploads.acknowledged(batchesOf(left));
      assertThat(store.find("d").orElseThrow().state()).isEqualTo(IncidentState.UPLOADED);
    }
  }
}
