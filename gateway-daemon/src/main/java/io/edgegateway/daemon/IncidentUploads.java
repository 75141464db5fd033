package io.edgegateway.daemon;

import io.edgegateway.core.audit.AuditKind;
import io.edgegateway.core.audit.AuditLog;
import io.edgegateway.core.batch.BatchHeaders;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentManifest;
import io.edgegateway.core.capture.IncidentState;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.capture.IncidentUpload;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The priority upload of sealed incidents, run on the incident thread by {@link IncidentDesk}:
 * queues each sealed incident ({@link IncidentUpload}: its batches, then its manifest) and marks it
 * {@code uploading}; marks it {@code uploaded} when the uplink acknowledged its manifest (the last
 * of its records, so every batch before it is committed too). Waits until the uplink reconciled
 * with its checkpoints (so {@code batch_seq}s continue after what the remote end has).
 *
 * <p>After a restart: {@code sealed} incidents are queued again (the queue's append mark skips what
 * was queued before the crash); {@code uploading} ones whose records are no longer in the queue
 * were committed (acknowledged, or dropped through the checkpoint at reconciliation) and are marked
 * {@code uploaded}; the others wait for their manifest's acknowledgement.
 */
final class IncidentUploads {
  private static final Logger log = LoggerFactory.getLogger(IncidentUploads.class);

  private final IncidentUpload upload;
  private final IncidentStore store;
  private final BooleanSupplier ready;
  private final AuditLog audit;
  private final ArrayDeque<String> due = new ArrayDeque<>();
  private boolean resumed;
  private boolean failing;

  /**
   * @param ready true once the uplink reconciled with its committed checkpoints
   */
  IncidentUploads(
      IncidentUpload upload, IncidentStore store, BooleanSupplier ready, AuditLog audit) {
    this.upload = upload;
    this.store = store;
    this.ready = ready;
    this.audit = audit;
  }

  /** An incident was just sealed: queue it on the next {@link #tick}. */
  void sealed(Incident incident) {
    if (!due.contains(incident.id())) {
      due.add(incident.id());
    }
  }

  /** Queues the sealed incidents, oldest first, once the uplink is ready. */
  void tick() {
    if (!ready.getAsBoolean()) {
      return;
    }
    if (!resumed) {
      resume();
      resumed = true;
    }
    while (!due.isEmpty()) {
      String id = due.peek();
      Optional<Incident> found = store.find(id);
      if (found.isEmpty() || found.get().state() != IncidentState.SEALED) {
        due.poll();
        continue;
      }
      Incident incident = found.get();
      Optional<IncidentManifest> manifest;
      try {
        manifest = upload.queue(incident, store);
      } catch (RuntimeException e) {
        if (!failing) {
          failing = true;
          log.warn("incident {} could not be queued for upload yet, retried: {}", id, e.toString());
        }
        return;
      }
      failing = false;
      Incident uploading = store.markState(id, IncidentState.UPLOADING);
      due.poll();
      Map<String, Object> detail = detail(uploading, "uploading");
      manifest.ifPresent(
          m -> {
            detail.put("batches", m.batches());
            detail.put("sha256", m.sha256());
          });
      audit.append(AuditKind.CAPTURE, "capture", detail);
      log.info(
          "incident {} queued for upload to stream {}: {} samples{}",
          id,
          upload.stream(),
          incident.samples(),
          manifest.map(m -> " in " + m.batches() + " batches, sha256 " + m.sha256()).orElse(""));
    }
  }

  private void resume() {
    for (Incident i : store.inState(IncidentState.UPLOADING)) {
      if (upload.waiting(i.id()) == 0) {
        uploaded(i, "its records were committed before this start");
      } else {
        log.info(
            "incident {} is uploading; {} of its records wait", i.id(), upload.waiting(i.id()));
      }
    }
    for (Incident i : store.inState(IncidentState.SEALED)) {
      sealed(i);
    }
  }

  /**
   * The uplink acknowledged {@code batches}: incidents whose manifest is among them are uploaded.
   */
  void acknowledged(List<SealedBatch> batches) {
    for (SealedBatch b : batches) {
      Map<String, String> h = b.headers();
      String id = h.get(BatchHeaders.INCIDENT_ID);
      if (id == null || !BatchHeaders.RECORD_INCIDENT_MANIFEST.equals(h.get(BatchHeaders.RECORD))) {
        continue;
      }
      store
          .find(id)
          .filter(i -> i.state() == IncidentState.UPLOADING || i.state() == IncidentState.SEALED)
          .ifPresent(i -> uploaded(i, "its manifest was committed"));
    }
  }

  private void uploaded(Incident incident, String why) {
    Incident done = store.markState(incident.id(), IncidentState.UPLOADED);
    due.remove(incident.id());
    audit.append(AuditKind.CAPTURE, "capture", detail(done, "uploaded"));
    log.info("incident {} uploaded: {}", incident.id(), why);
  }

  /**
   * The {@code capture} audit record's detail of {@code incident} at {@code event}: no reason (a
   * trigger's is its condition from the config, an operator's is free text; neither belongs in the
   * audit log, which never records config values).
   */
  static Map<String, Object> detail(Incident incident, String event) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("event", event);
    d.put("incident_id", incident.id());
    d.put("triggers", incident.triggers());
    d.put("from", Instant.ofEpochSecond(0, incident.fromNs()).toString());
    d.put("to", Instant.ofEpochSecond(0, incident.toNs()).toString());
    if (incident.state() != IncidentState.RECORDING) {
      d.put("samples", incident.samples());
      d.put("complete", incident.complete());
    }
    return d;
  }
}
