package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.port.UplinkException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one round of batches in one Kafka transaction: {@code beginTransaction()}, the zstd
 * dictionaries not published yet, the batches, one checkpoint per stream (the highest {@code
 * batch_seq} of that stream in the round), every acknowledgement awaited, {@code
 * commitTransaction()}.
 *
 * <p>Failures. Fenced: the session is fenced ({@link ProducerSession#fenced}). Any other failure
 * before the commit: if the broker answered (e.g. a record too large) the transaction is aborted;
 * if it did not (the deadline passed, a Kafka timeout) or the abort fails, the session is recreated
 * ({@link ProducerSession#recreate}), whose {@code initTransactions()} aborts the open transaction.
 * A failed commit has an unknown outcome: the session is recreated and the {@link
 * CheckpointReconciler} re-reads the checkpoints before anything is sent again, so a batch
 * committed once is never committed again. An aborted transaction's records stay in the log but
 * {@code read_committed} consumers never see them, so sending the batches again is correct.
 *
 * <p>Used under {@link KafkaUplink#deliver}'s lock.
 */
final class TransactionalDelivery {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final String robotId;
  private final UplinkTopics topics;
  private final BatchRecords records;
  private final ProducerSession session;
  private final MetadataProbes probes;
  private final CheckpointReconciler reconciler;
  private final DictionaryPublication dictionaries;
  private final LinkState state;

  TransactionalDelivery(
      String robotId,
      UplinkTopics topics,
      ProducerSession session,
      MetadataProbes probes,
      CheckpointReconciler reconciler,
      DictionaryPublication dictionaries,
      LinkState state) {
    this.robotId = robotId;
    this.topics = topics;
    this.records = new BatchRecords(robotId);
    this.session = session;
    this.probes = probes;
    this.reconciler = reconciler;
    this.dictionaries = dictionaries;
    this.state = state;
  }

  /** Sends {@code toSend} and their checkpoints in one transaction and commits it. */
  void commit(List<SealedBatch> toSend, Deadline deadline) throws UplinkException {
    Map<String, Long> checkpoints = new LinkedHashMap<>();
    for (SealedBatch batch : toSend) {
      checkpoints.merge(batch.stream(), batch.batchSeq(), Math::max);
    }
    Producer<byte[], byte[]> p = session.producer();
    Set<String> written = new LinkedHashSet<>();
    for (SealedBatch batch : toSend) {
      written.add(topics.topicOf(batch.stream()));
    }
    written.add(topics.checkpointTopic());
    Map<Long, ZstdDictionary> newDictionaries = dictionaries.toPublish(toSend);
    if (!newDictionaries.isEmpty()) {
      written.add(dictionaryTopic());
    }
    probes.await(p, written, deadline);
    List<PendingSend> pending = new ArrayList<>(toSend.size() + checkpoints.size());
    try {
      p.beginTransaction();
      for (ZstdDictionary d : newDictionaries.values()) {
        pending.add(send(p, "dictionary " + d.id(), records.dictionary(dictionaryTopic(), d)));
      }
      for (SealedBatch batch : toSend) {
        pending.add(
            send(
                p,
                batch.batchId(robotId),
                records.toRecord(topics.topicOf(batch.stream()), batch)));
      }
      for (Map.Entry<String, Long> c : checkpoints.entrySet()) {
        pending.add(
            send(
                p,
                "checkpoint " + records.checkpointKey(c.getKey()),
                records.checkpoint(topics.checkpointTopic(), c.getKey(), c.getValue())));
      }
    } catch (KafkaException e) {
      // A send that failed already (e.g. a record too large) put the producer in an error state.
      for (PendingSend sent : pending) {
        if (sent.ack().isCompletedExceptionally()) {
          Throwable cause = sent.ack().handle((m, f) -> f).join();
          throw abortAfter(sent.what() + " not delivered", cause);
        }
      }
      throw abortAfter("cannot send", e);
    }
    awaitAcknowledgements(pending, deadline);
    try {
      p.commitTransaction();
    } catch (KafkaException e) {
      if (UplinkErrors.isFenced(e)) {
        throw session.fenced(e);
      }
      // The commit may or may not have reached the coordinator: learn it from the checkpoints.
      reconciler.outcomeUnknown();
      UplinkException failure =
          UplinkErrors.failure(
              "commit of " + toSend.size() + " batch(es) failed", e, state.isClosed());
      session.recreate();
      throw failure;
    }
    reconciler.committed(checkpoints);
    dictionaries.published(newDictionaries);
  }

  /** The dictionary topic, configured whenever there are dictionaries to publish. */
  private String dictionaryTopic() {
    return Objects.requireNonNull(
        topics.dictionaryTopic(), "zstd dictionaries to publish without a dictionary topic");
  }

  private static PendingSend send(
      Producer<byte[], byte[]> p, String what, ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
    p.send(
        record,
        (metadata, failure) -> {
          if (failure != null) {
            ack.completeExceptionally(failure);
          } else {
            ack.complete(metadata);
          }
        });
    return new PendingSend(what, ack);
  }

  private void awaitAcknowledgements(List<PendingSend> pending, Deadline deadline)
      throws UplinkException {
    for (PendingSend p : pending) {
      try {
        p.ack().get(deadline.remainingNs(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // The broker does not answer: an abort would block too; start a new session instead.
        UplinkException failure =
            new UplinkException(
                p.what() + " not acknowledged within " + deadline.timeout(), true, e);
        session.recreate();
        throw failure;
      } catch (ExecutionException e) {
        throw abortAfter(p.what() + " not delivered", UplinkErrors.causeOf(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        UplinkException failure =
            new UplinkException("interrupted while waiting for acknowledgements", true, e);
        session.recreate();
        throw failure;
      }
    }
  }

  /** Maps a failure inside the transaction, aborting it (or starting over if that fails). */
  private UplinkException abortAfter(String what, Throwable cause) {
    if (UplinkErrors.isFenced(cause)) {
      return session.fenced(cause);
    }
    UplinkException failure = UplinkErrors.failure(what, cause, state.isClosed());
    if (state.isClosed()) {
      return failure;
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      session.recreate();
      return failure;
    }
    try {
      session.producer().abortTransaction();
      LOG.debug("Uplink: transaction aborted after: {}", failure.getMessage());
    } catch (KafkaException e) {
      if (UplinkErrors.isFenced(e)) {
        return session.fenced(e);
      }
      session.recreate();
    }
    return failure;
  }

  private record PendingSend(String what, CompletableFuture<RecordMetadata> ack) {}
}
