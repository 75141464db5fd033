package io.edgegateway.buffer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.BatchHeaders;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.capture.CaptureWindow;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentManifest;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.capture.IncidentUpload;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.core.config.Durability;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.InMemoryIntakeLedger;
import io.edgegateway.core.ledger.LedgerReconciler;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.AppendMark;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.StoredBatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The priority upload's queue side against the real SQLite queue and incident store: batches of the
 * incidents stream with the incident id, the manifest last, incident batches ahead of the backlog,
 * a resume after a crash in the middle, and the ledger kept apart.
 */
class IncidentUploadTest {
  private static final String STREAM = "incidents";

  @TempDir Path dir;

  private final BatchCodec codec =
      new BatchCodec("hx-1", "inst", new BatchLineage("fw", "model", "run", Map.of()), 3);

  private IncidentUpload upload(DurableQueue queue) {
    return new IncidentUpload(codec, queue, "hx-1", STREAM, 4096, Clock.system());
  }

  private SqliteDurableQueue openQueue() {
    return SqliteDurableQueue.open(dir.resolve("data"), 256L << 20, Durability.PROCESS);
  }

  /** An incident of 300 /a and 200 /b samples (100 bytes each) sealed into {@code store}. */
  private static Incident sealIncident(IncidentStore store, String id) throws Exception {
    Incident open =
        Incident.recording(id, "fall", "status >= 2", new CaptureWindow(1_000, 2_000), Set.of());
    store.save(open);
    return store.seal(
        open,
        sink -> {
          for (int i = 1; i <= 300; i++) {
            sink.accept(sample("/a", i, 1_000 + 3L * i));
          }
          for (int i = 1; i <= 200; i++) {
            sink.accept(sample("/b", 2 * i, 1_001 + 4L * i));
          }
          return 2_000;
        },
        "");
  }

  private static Envelope sample(String topic, long seq, long receiveNs) {
    byte[] payload = new byte[100];
    payload[1] = 1;
    payload[4] = (byte) seq;
    payload[5] = (byte) topic.charAt(1);
    return new Envelope(topic, "t/msg/T", receiveNs - 7, receiveNs, seq, payload);
  }

  private static List<Envelope> stored(IncidentStore store, String id) {
    List<Envelope> out = new ArrayList<>();
    try (IncidentStore.SampleCursor c = store.samples(id)) {
      c.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<StoredBatch> all(DurableQueue queue) {
    return queue.oldest(10_000, Long.MAX_VALUE);
  }

  /** The samples of the batches, decoded, in order; the manifest (the last record) left out. */
  private static List<Envelope> decoded(List<StoredBatch> batches) throws Exception {
    List<Envelope> out = new ArrayList<>();
    for (StoredBatch s : batches) {
      if (s.batch().headers().containsKey(BatchHeaders.RECORD)) {
        continue;
      }
      TelemetryBatch b = BatchCodec.decode(s.batch().payload());
      Map<Integer, TopicEntry> topics = new HashMap<>();
      b.getTopicsList().forEach(t -> topics.put(t.getId(), t));
      for (Record r : b.getRecordsList()) {
        TopicEntry t = topics.get(r.getTopicId());
        out.add(
            new Envelope(
                t.getName(),
                t.getType(),
                r.getSourceStampNs(),
                r.getReceiveStampNs(),
                r.getSeq(),
                r.getPayload().toByteArray()));
      }
    }
    return out;
  }

  private static String sha256(List<Envelope> samples) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Envelope e : samples) {
        byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
        out.writeInt(topic.length);
        out.write(topic);
        out.writeLong(e.receiveStampNs());
        out.writeLong(e.sourceStampNs());
        out.writeInt(e.payload().length);
        out.write(e.payload());
      }
    }
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }

  private static void assertSameSamples(List<Envelope> actual, List<Envelope> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Envelope a = actual.get(i);
      Envelope e = expected.get(i);
      assertThat(List.of(a.topic(), a.receiveStampNs(), a.sourceStampNs(), a.seq()))
          .as("sample %d", i)
          .isEqualTo(List.of(e.topic(), e.receiveStampNs(), e.sourceStampNs(), e.seq()));
      assertThat(a.payload()).as("payload of sample %d", i).isEqualTo(e.payload());
    }
  }

  @Test
  void aSealedIncidentIsQueuedAsBatchesCarryingItsIdThenItsManifest() throws Exception {
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident incident = sealIncident(store, "inc-1");
      IncidentManifest manifest = upload(queue).queue(incident, store).orElseThrow();

      List<StoredBatch> batches = all(queue);
      assertThat(batches.size()).as("500 samples of 100 bytes, batches of 4 KiB").isGreaterThan(5);
      for (StoredBatch b : batches) {
        assertThat(b.batch().stream()).isEqualTo(STREAM);
        assertThat(b.batch().priority()).isEqualTo(IncidentUpload.PRIORITY);
        assertThat(b.batch().headers()).containsEntry(BatchHeaders.INCIDENT_ID, "inc-1");
      }
      assertThat(batches.stream().map(b -> b.batch().batchSeq()).toList())
          .as("consecutive batch_seqs from 1")
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, batches.size()).boxed().toList());
      SealedBatch last = batches.get(batches.size() - 1).batch();
      assertThat(last.headers())
          .containsEntry(BatchHeaders.RECORD, BatchHeaders.RECORD_INCIDENT_MANIFEST)
          .containsEntry(BatchHeaders.SCHEMA, BatchHeaders.SCHEMA_INCIDENT_MANIFEST)
          .containsEntry(BatchHeaders.ENCODING, BatchHeaders.ENCODING_IDENTITY);
      assertThat(batches.subList(0, batches.size() - 1))
          .allSatisfy(b -> assertThat(b.batch().headers()).doesNotContainKey(BatchHeaders.RECORD));

      List<Envelope> expected = stored(store, "inc-1");
      assertSameSamples(decoded(batches), expected);
      IncidentManifest read = IncidentManifest.parse(last.payload());
      assertThat(read).isEqualTo(manifest);
      assertThat(read.counts()).isEqualTo(Map.of("/a", 300L, "/b", 200L));
      assertThat(read.batches()).isEqualTo(batches.size() - 1);
      assertThat(read.firstBatchSeq()).isEqualTo(1);
      assertThat(read.lastBatchSeq()).isEqualTo(batches.size() - 1);
      assertThat(read.sha256()).isEqualTo(sha256(expected));
      assertThat(read.triggers()).containsExactly("fall");
      assertThat(List.of(read.fromNs(), read.toNs())).containsExactly(1_000L, 2_000L);
      assertThat(read.complete()).isTrue();
      assertThat(read.gaps()).isEmpty();
      assertThat(queue.waitingWithHeader(BatchHeaders.INCIDENT_ID, "inc-1"))
          .isEqualTo(batches.size());
    }
  }

  @Test
  void aQueuedIncidentIsNotQueuedTwiceAndItsMarkOutlivesItsBatches() throws Exception {
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident incident = sealIncident(store, "inc-2");
      IncidentUpload upload = upload(queue);
      upload.queue(incident, store).orElseThrow();
      int queued = all(queue).size();
      assertThat(upload.queued("inc-2")).isTrue();
      assertThat(upload.queue(incident, store)).isEmpty();
      assertThat(all(queue)).hasSize(queued);

      queue.acknowledge(all(queue));
      assertThat(upload.waiting("inc-2")).isZero();
      assertThat(queue.appendMark(IncidentUpload.markKey("inc-2")))
          .contains(new AppendMark(IncidentUpload.markKey("inc-2"), 500, queued, true));
      assertThat(upload.queue(incident, store)).isEmpty();
    }
  }

  @Test
  void incidentBatchesAreHandedOutAheadOfTheRegularBacklog() throws Exception {
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      for (int i = 1; i <= 20; i++) {
        queue.append(new SealedBatch("telemetry", i, 9, 0, 1, 1, 1, 10, new byte[2000], List.of()));
      }
      Incident incident = sealIncident(store, "inc-3");
      upload(queue).queue(incident, store).orElseThrow();
      int incidentRecords = queue.waitingWithHeader(BatchHeaders.INCIDENT_ID, "inc-3");

      List<StoredBatch> round = queue.oldest(64, 32L << 20);
      assertThat(round).hasSize(20 + incidentRecords);
      assertThat(round.subList(0, incidentRecords))
          .allSatisfy(b -> assertThat(b.batch().stream()).isEqualTo(STREAM));
      assertThat(round.subList(incidentRecords, round.size()))
          .extracting(b -> b.batch().batchSeq())
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());

      List<StoredBatch> small = queue.oldest(3, 32L << 20);
      assertThat(small).extracting(b -> b.batch().stream()).containsOnly(STREAM);
      queue.acknowledge(queue.oldest(incidentRecords, Long.MAX_VALUE));
      assertThat(queue.oldest(64, Long.MAX_VALUE))
          .extracting(b -> b.batch().stream())
          .hasSize(20)
          .containsOnly("telemetry");
    }
  }

  /** A queue that fails (as a process dying there would) after {@code appends} appends. */
  private static DurableQueue failingAfter(DurableQueue queue, int appends) {
    int[] left = {appends};
    return new DurableQueue() {
      @Override
      public long lastBatchSeq(String stream) {
        return queue.lastBatchSeq(stream);
      }

      @Override
      public void append(SealedBatch batch) {
        queue.append(batch);
      }

      @Override
      public void append(SealedBatch batch, AppendMark mark) {
        if (left[0]-- <= 0) {
          throw new QueueException("simulated crash before this append committed");
        }
        queue.append(batch, mark);
      }

      @Override
      public Optional<AppendMark> appendMark(String key) {
        return queue.appendMark(key);
      }

      @Override
      public List<CommittedCounts> committedCounts() {
        return queue.committedCounts();
      }

      @Override
      public List<StoredBatch> oldest(int maxBatches, long maxBytes) {
        return queue.oldest(maxBatches, maxBytes);
      }

      @Override
      public void acknowledge(List<StoredBatch> delivered) {
        queue.acknowledge(delivered);
      }

      @Override
      public int dropThrough(String stream, long batchSeq) {
        return queue.dropThrough(stream, batchSeq);
      }

      @Override
      public QueueStats stats() {
        return queue.stats();
      }

      @Override
      public void close() {
        queue.close();
      }
    };
  }

  @Test
  void underABudgetIncidentBatchesGoFirstAndKeepTheirIncidentHeader() throws Exception {
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      for (int i = 1; i <= 5; i++) {
        queue.append(new SealedBatch("telemetry", i, 9, 0, 1, 1, 1, 10, new byte[2000], List.of()));
      }
      Incident incident = sealIncident(store, "inc-b");
      upload(queue).queue(incident, store).orElseThrow();
      int incidentRecords = queue.waitingWithHeader(BatchHeaders.INCIDENT_ID, "inc-b");

      // the budgeted path (UplinkBudget's class order) reads stream heads, not the append order
      List<StoredBatch> round =
          queue.next(
              64,
              Long.MAX_VALUE,
              io.edgegateway.core.budget.ClassOrder.at(
                  System.currentTimeMillis(), java.time.Duration.ofSeconds(60)));
      assertThat(round).hasSize(5 + incidentRecords);
      assertThat(round.subList(0, incidentRecords))
          .allSatisfy(
              b -> {
                assertThat(b.batch().stream()).isEqualTo(STREAM);
                assertThat(b.batch().headers()).containsKey(BatchHeaders.INCIDENT_ID);
              });
      assertThat(round.subList(incidentRecords, round.size()))
          .allSatisfy(b -> assertThat(b.batch().headers()).isEmpty());
    }
  }

  @Test
  void anUploadCutOffAfterSomeBatchesResumesAfterThemWithNothingTwiceAndNothingMissing()
      throws Exception {
    List<Envelope> expected;
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident incident = sealIncident(store, "inc-4");
      expected = stored(store, "inc-4");
      IncidentUpload cut = upload(failingAfter(queue, 4));
      assertThatThrownBy(() -> cut.queue(incident, store)).isInstanceOf(QueueException.class);
      assertThat(all(queue)).hasSize(4);
      assertThat(cut.queued("inc-4")).isFalse();
      // half of them already delivered before the restart
      queue.acknowledge(queue.oldest(2, Long.MAX_VALUE));
    } // the process "dies": both files closed, nothing else written

    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      Incident incident = store.find("inc-4").orElseThrow();
      IncidentManifest manifest = upload(queue).queue(incident, store).orElseThrow();
      List<StoredBatch> left = all(queue);
      assertThat(left.get(0).batch().batchSeq()).isEqualTo(3);
      List<Envelope> firstTwo = new ArrayList<>();
      // the two delivered batches held the first samples: count them from the mark
      long delivered = 500 - decoded(left).size();
      firstTwo.addAll(expected.subList(0, (int) delivered));
      List<Envelope> together = new ArrayList<>(firstTwo);
      together.addAll(decoded(left));
      assertSameSamples(together, expected);
      assertThat(manifest.sha256()).isEqualTo(sha256(expected));
      assertThat(manifest.counts()).isEqualTo(Map.of("/a", 300L, "/b", 200L));
      assertThat(manifest.firstBatchSeq()).isEqualTo(1);
      assertThat(manifest.lastBatchSeq()).isEqualTo(manifest.batches());
      assertThat(left.get(left.size() - 1).batch().batchSeq())
          .isEqualTo(manifest.lastBatchSeq() + 1);
    }
  }

  @Test
  void theLedgerCountsIncidentSamplesUnderTheIncidentsStreamWithoutInventingLosses()
      throws Exception {
    try (SqliteDurableQueue queue = openQueue();
        SqliteIncidentStore store = SqliteIncidentStore.open(dir)) {
      upload(queue).queue(sealIncident(store, "inc-5"), store).orElseThrow();
      upload(queue).queue(sealIncident(store, "inc-6"), store).orElseThrow();
      Map<TopicKey, CommittedCounts> lines = new TreeMap<>();
      queue.committedCounts().forEach(c -> lines.put(c.key(), c));
      assertThat(lines.keySet())
          .containsExactly(new TopicKey(STREAM, "/a"), new TopicKey(STREAM, "/b"));
      assertThat(lines.get(new TopicKey(STREAM, "/a")).sealed()).isEqualTo(600);
      assertThat(lines.get(new TopicKey(STREAM, "/a")).sealedLast()).isEqualTo(600);
      assertThat(lines.get(new TopicKey(STREAM, "/b")).sealed()).isEqualTo(400);
      assertThat(LedgerReconciler.reconcile(new InMemoryIntakeLedger(), queue))
          .as("a restart finds nothing lost before commit")
          .isEmpty();
    }
  }
}
