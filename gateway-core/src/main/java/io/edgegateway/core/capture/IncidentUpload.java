package io.edgegateway.core.capture;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.batch.BatchHeaders;
import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.port.AppendMark;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.DurableQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a sealed incident for the priority upload: its samples (from the {@link IncidentStore}, in
 * receive-time order) as batches of the incidents stream, each with header {@value
 * BatchHeaders#INCIDENT_ID}, then its {@link IncidentManifest} as the last record.
 *
 * <p>Implementation notes: every batch is appended together with an {@link AppendMark} (key {@code
 * incident/<id>}: samples and batches queued so far, complete with the manifest) in one transaction
 * of the durable queue. The incident store ({@code incidents.db}) is another file, so the
 * incident's state ({@code uploading}) is written after the queue's commit; after a crash in
 * between, {@link #queue} reads the mark back and continues after the samples it covers (the store
 * returns them in a fixed order), so nothing is queued twice or left out. The checksum is computed
 * over every sample, also those skipped on a resume. Batches get priority {@value #PRIORITY}
 * (evicted last); the queue hands incident batches to the uplink before every other batch.
 *
 * <p>The completeness ledger counts incident samples under (incidents stream, topic), apart from
 * the regular streams: their ledger seqs number the incident samples of a topic 1, 2, 3, ... across
 * incidents (the records themselves keep the seq they were received with).
 *
 * <p>Only one thread queues incidents (the incident desk); {@code batch_seq}s of the stream are
 * therefore consecutive within an incident.
 */
public final class IncidentUpload {
  private static final Logger log = LoggerFactory.getLogger(IncidentUpload.class);

  /** Priority of incident batches: the highest, evicted last. */
  public static final int PRIORITY = 9;

  /** Samples in one batch at most, whatever their size. */
  static final int MAX_BATCH_RECORDS = 10_000;

  private final BatchCodec codec;
  private final DurableQueue queue;
  private final String robotId;
  private final String stream;
  private final long maxBatchBytes;
  private final Clock clock;

  /**
   * @param stream the incidents stream ({@code uplink.streams.incidents}), written by nothing else
   * @param maxBatchBytes payload bytes after which a batch is closed ({@code
   *     buffer.batch.max_bytes})
   */
  public IncidentUpload(
      BatchCodec codec,
      DurableQueue queue,
      String robotId,
      String stream,
      long maxBatchBytes,
      Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.stream = Objects.requireNonNull(stream, "stream");
    if (maxBatchBytes < 1) {
      throw new IllegalArgumentException("maxBatchBytes : " + maxBatchBytes + " (expected: >= 1)");
    }
    this.maxBatchBytes = maxBatchBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key of an incident's {@link AppendMark}. */
  public static String markKey(String incidentId) {
    return "incident/" + incidentId;
  }

  /** True when the incident's batches and manifest are all in the queue (or were). */
  public boolean queued(String incidentId) {
    return queue.appendMark(markKey(incidentId)).map(AppendMark::complete).orElse(false);
  }

  /** How many records of the incident (batches and manifest) still wait in the queue. */
  public int waiting(String incidentId) {
    return queue.waitingWithHeader(BatchHeaders.INCIDENT_ID, incidentId);
  }

  /** The stream incidents go to. */
  public String stream() {
    return stream;
  }

  /**
   * Appends what is not queued yet of {@code incident}'s samples and then its manifest.
   *
   * @return the manifest appended; empty when the incident was queued completely already
   * @throws io.edgegateway.core.port.QueueException when the queue failed; what was appended before
   *     stays, and the next call continues after it
   * @throws java.util.NoSuchElementException when the store has no such incident
   */
  public Optional<IncidentManifest> queue(Incident incident, IncidentStore store) {
    String key = markKey(incident.id());
    AppendMark mark = queue.appendMark(key).orElse(new AppendMark(key, 0, 0, false));
    if (mark.complete()) {
      return Optional.empty();
    }
    if (mark.samples() > 0 || mark.batches() > 0) {
      log.info(
          "incident {} was partly queued before a restart ({} samples in {} batches);"
              + " continuing after them",
          incident.id(),
          mark.samples(),
          mark.batches());
    }
    Map<String, Long> ledgerSeqs = ledgerSeqs();
    Map<String, String> headers = Map.of(BatchHeaders.INCIDENT_ID, incident.id());
    IncidentChecksum checksum = new IncidentChecksum();
    Map<String, Long> counts = new TreeMap<>();
    long index = 0;
    long samples = mark.samples();
    long batches = mark.batches();
    List<Envelope> pending = new ArrayList<>();
    long pendingBytes = 0;
    try (IncidentStore.SampleCursor cursor = store.samples(incident.id())) {
      while (cursor.hasNext()) {
        Envelope e = cursor.next();
        checksum.add(e);
        counts.merge(e.topic(), 1L, Long::sum);
        if (index++ < mark.samples()) {
          continue; // queued before a crash
        }
        pending.add(e);
        pendingBytes += e.size();
        if (pendingBytes >= maxBatchBytes || pending.size() >= MAX_BATCH_RECORDS) {
          samples += pending.size();
          batches++;
          append(pending, headers, ledgerSeqs, new AppendMark(key, samples, batches, false));
          pending.clear();
          pendingBytes = 0;
        }
      }
    }
    if (!pending.isEmpty()) {
      samples += pending.size();
      batches++;
      append(pending, headers, ledgerSeqs, new AppendMark(key, samples, batches, false));
    }
    long manifestSeq = queue.lastBatchSeq(stream) + 1;
    long lastSeq = batches == 0 ? 0 : manifestSeq - 1;
    IncidentManifest manifest =
        new IncidentManifest(
            incident.id(),
            robotId,
            incident.triggers(),
            incident.reason(),
            incident.fromNs(),
            incident.toNs(),
            counts,
            batches,
            batches == 0 ? 0 : lastSeq - batches + 1,
            lastSeq,
            incident.complete(),
            incident.note(),
            checksum.hex());
    byte[] json = manifest.toJson();
    Map<String, String> manifestHeaders = new LinkedHashMap<>(headers);
    manifestHeaders.put(BatchHeaders.RECORD, BatchHeaders.RECORD_INCIDENT_MANIFEST);
    manifestHeaders.put(BatchHeaders.SCHEMA, BatchHeaders.SCHEMA_INCIDENT_MANIFEST);
    manifestHeaders.put(BatchHeaders.ENCODING, BatchHeaders.ENCODING_IDENTITY);
    SealedBatch record =
        new SealedBatch(
            stream,
            manifestSeq,
            PRIORITY,
            clock.wallMillis(),
            0,
            incident.fromNs(),
            incident.toNs(),
            json.length,
            json,
            List.of(),
            manifestHeaders);
    queue.append(record, new AppendMark(key, samples, batches + 1, true));
    return Optional.of(manifest);
  }

  private void append(
      List<Envelope> samples,
      Map<String, String> headers,
      Map<String, Long> ledgerSeqs,
      AppendMark mark) {
    long seq = queue.lastBatchSeq(stream) + 1;
    Map<String, Long> perTopic = new LinkedHashMap<>();
    samples.forEach(e -> perTopic.merge(e.topic(), 1L, Long::sum));
    List<TopicSummary> topics = new ArrayList<>();
    perTopic.forEach(
        (topic, n) -> {
          long first = ledgerSeqs.getOrDefault(topic, 0L) + 1;
          topics.add(new TopicSummary(topic, n, first, first + n - 1));
        });
    SealedBatch batch =
        codec
            .seal(stream, seq, PRIORITY, clock.wallNanos(), samples)
            .withTopics(topics)
            .withHeaders(headers);
    queue.append(batch, mark);
    perTopic.forEach((topic, n) -> ledgerSeqs.merge(topic, n, Long::sum));
  }

  /** The last ledger seq of each topic in the incidents stream. */
  private Map<String, Long> ledgerSeqs() {
    Map<String, Long> seqs = new TreeMap<>();
    for (CommittedCounts c : queue.committedCounts()) {
      if (c.key().stream().equals(stream)) {
        seqs.put(c.key().topic(), c.accountedThrough());
      }
    }
    return seqs;
  }
}
