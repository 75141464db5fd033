package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Uplink} that writes each batch as one Kafka record through an idempotent producer.
 *
 * <p>Record per batch (DESIGN §5): topic from the stream's mapping, key the robot id (UTF-8), value
 * {@link SealedBatch#payload()}, headers as in {@link WireHeaders}. All batches of a robot share a
 * key, so they land in one partition per topic, in order.
 *
 * <p>Implementation notes. {@link #deliver} runs three steps, so that a transactional variant can
 * wrap the last two between {@code beginTransaction()} and {@code commitTransaction()}:
 *
 * <ol>
 *   <li><b>Metadata.</b> {@code KafkaProducer.send()} blocks up to {@code max.block.ms} while it
 *       has no metadata for the topic, e.g. while the broker is down at start. So the uplink first
 *       asks for each topic's partitions on its own metadata thread and waits only until the
 *       deadline; a probe still running is reused rather than started again. When metadata is
 *       known, {@code send()} returns at once (it still blocks if {@code buffer.memory} is
 *       exhausted, for at most {@code max.block.ms}).
 *   <li><b>Send.</b> Each batch is handed to the producer unless a send of the same batch id is
 *       still pending or is among the last 4096 that succeeded: batches offered again after a
 *       timed-out {@code deliver()} are awaited, not duplicated. A failed send is forgotten, so the
 *       next offer sends it again.
 *   <li><b>Await.</b> Waits for every acknowledgement until the deadline. The producer itself
 *       retries until {@code delivery.timeout.ms} and then fails the send; nothing is dropped
 *       silently.
 * </ol>
 *
 * <p>Failures map to {@link UplinkException}. {@link UplinkException#retriable()} is true for every
 * Kafka {@code RetriableException} (broker unreachable or restarting, metadata or request timeouts,
 * leadership changes, not enough in-sync replicas, unknown topic or partition, buffer exhausted),
 * for interruption and for the deadline of {@code deliver()} passing; it is false for everything
 * else, notably authentication and authorization failures, a record above {@code max.request.size}
 * or the topic's {@code max.message.bytes}, an invalid topic, an unsupported broker version, a
 * fatal producer error and a closed uplink.
 *
 * <p>State: {@code CONNECTING} until the first metadata fetch or delivery succeeds, {@code
 * CONNECTED} after a successful delivery, {@code DISCONNECTED} after a retriable failure, {@code
 * CLOSED} after {@link #close(Duration)}. A non-retriable failure leaves the state unchanged.
 *
 * <p>{@link #deliver} calls are serialised; {@link #state()} and {@link #close(Duration)} may be
 * called from any thread.
 */
public final class KafkaUplink implements Uplink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);
  private static final int TRACKED_BATCHES = 4096;

  private final String robotId;
  private final String bootstrapServers;
  private final Map<String, String> streamToTopic;
  private final Producer<byte[], byte[]> producer;
  private final BatchRecords records;
  private final DeliveryTracker tracker = new DeliveryTracker(TRACKED_BATCHES);
  private final ThreadPoolExecutor metadataExecutor;
  private final Map<String, CompletableFuture<Void>> probes = new LinkedHashMap<>();
  private final AtomicReference<UplinkState> state = new AtomicReference<>(UplinkState.CONNECTING);

  KafkaUplink(
      String robotId,
      String bootstrapServers,
      Map<String, String> streamToTopic,
      Producer<byte[], byte[]> producer) {
    this.robotId = robotId;
    this.bootstrapServers = bootstrapServers;
    this.streamToTopic = streamToTopic;
    this.producer = producer;
    this.records = new BatchRecords(robotId);
    int topics = new LinkedHashSet<>(streamToTopic.values()).size();
    this.metadataExecutor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(topics),
            r -> {
              Thread t = new Thread(r, "uplink-metadata-" + robotId);
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (thread, e) -> LOG.error("Uncaught exception in {}", thread.getName(), e));
              return t;
            });
  }

  /**
   * Creates an uplink and starts fetching metadata for its topics in the background.
   *
   * @param robotId the record key and the first part of {@code eg-batch-id}; not empty
   * @param bootstrapServers Kafka bootstrap servers, e.g. {@code broker-1:9092,broker-2:9092}
   * @param clientProperties Kafka producer properties applied over the uplink's defaults (see the
   *     package-private {@code ProducerSettings}); {@code bootstrap.servers} and the serializers
   *     are always the uplink's, {@code transactional.id} must not be set
   * @param streamToTopic the Kafka topic of each stream; at least one entry
   * @throws IllegalArgumentException if an argument is out of range
   * @throws org.apache.kafka.common.KafkaException if the producer rejects its configuration
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic) {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientProperties, "clientProperties");
    Objects.requireNonNull(streamToTopic, "streamToTopic");
    if (robotId.isEmpty()) {
      throw new IllegalArgumentException("robotId : \"\" (expected: not empty)");
    }
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "bootstrapServers : \"" + bootstrapServers + "\" (expected: host:port[,host:port...])");
    }
    if (streamToTopic.isEmpty()) {
      throw new IllegalArgumentException("streamToTopic : {} (expected: at least one stream)");
    }
    streamToTopic.forEach(
        (stream, topic) -> {
          if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(
                "streamToTopic." + stream + " : \"" + topic + "\" (expected: a topic name)");
          }
        });
    Map<String, Object> config =
        ProducerSettings.producerConfig(robotId, bootstrapServers, clientProperties);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaUplink uplink =
        new KafkaUplink(robotId, bootstrapServers, Map.copyOf(streamToTopic), producer);
    uplink.probeAllTopics();
    return uplink;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a batch's stream has no topic; nothing is sent then
   * @throws IllegalStateException if the uplink is closed
   */
  @Override
  public synchronized void deliver(List<StoredBatch> batches, Duration timeout)
      throws UplinkException {
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout : " + timeout + " (expected: >= 0)");
    }
    if (state.get() == UplinkState.CLOSED) {
      throw new IllegalStateException("uplink closed");
    }
    long deadlineNs = System.nanoTime() + timeout.toNanos();
    List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>(batches.size());
    Set<String> topics = new LinkedHashSet<>();
    for (StoredBatch stored : batches) {
      SealedBatch batch = stored.batch();
      String topic = streamToTopic.get(batch.stream());
      if (topic == null) {
        throw new IllegalArgumentException(
            "batch "
                + batch.batchId(robotId)
                + " stream : "
                + batch.stream()
                + " (expected: one of "
                + streamToTopic.keySet()
                + ")");
      }
      topics.add(topic);
      toSend.add(records.toRecord(topic, batch));
    }
    if (toSend.isEmpty()) {
      return;
    }
    try {
      awaitMetadata(topics, deadlineNs, timeout);
      List<PendingSend> pending = send(toSend, batches);
      awaitAcknowledgements(pending, deadlineNs, timeout);
    } catch (UplinkException e) {
      if (e.retriable()) {
        transition(UplinkState.DISCONNECTED, e.getMessage());
      }
      throw e;
    }
    transition(UplinkState.CONNECTED, "delivered " + batches.size() + " batch(es)");
  }

  @Override
  public UplinkState state() {
    return state.get();
  }

  /** Closes the producer, waiting at most {@code timeout} for in-flight sends; idempotent. */
  @Override
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    UplinkState previous = state.getAndSet(UplinkState.CLOSED);
    if (previous == UplinkState.CLOSED) {
      return;
    }
    try {
      producer.close(timeout);
    } finally {
      metadataExecutor.shutdownNow();
    }
    LOG.info("Uplink to {} closed", bootstrapServers);
  }

  private synchronized void probeAllTopics() {
    for (String topic : new LinkedHashSet<>(streamToTopic.values())) {
      probe(topic);
    }
  }

  /** Returns the running probe of {@code topic}, or starts one. Caller holds the lock. */
  private CompletableFuture<Void> probe(String topic) {
    CompletableFuture<Void> running = probes.get(topic);
    if (running != null && !running.isDone()) {
      return running;
    }
    CompletableFuture<Void> probe;
    try {
      probe = CompletableFuture.runAsync(() -> producer.partitionsFor(topic), metadataExecutor);
    } catch (RejectedExecutionException e) {
      probe = CompletableFuture.failedFuture(e);
    }
    probe.thenRun(
        () -> {
          if (state.compareAndSet(UplinkState.CONNECTING, UplinkState.CONNECTED)) {
            LOG.info("Uplink to {} connected: metadata of {} fetched", bootstrapServers, topic);
          }
        });
    probes.put(topic, probe);
    return probe;
  }

  private void awaitMetadata(Set<String> topics, long deadlineNs, Duration timeout)
      throws UplinkException {
    for (String topic : topics) {
      while (true) {
        CompletableFuture<Void> probe = probe(topic);
        try {
          probe.get(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
          break;
        } catch (TimeoutException e) {
          throw new UplinkException(
              "no metadata for topic " + topic + " within " + timeout + " (broker unreachable?)",
              true,
              e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (!UplinkErrors.retriable(cause) || remainingNs(deadlineNs) <= 0) {
            throw failure("no metadata for topic " + topic, cause);
          }
          // A probe started by an earlier call gave up (max.block.ms) while time is left: retry.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UplinkException("interrupted while waiting for metadata", true, e);
        }
      }
    }
  }

  private List<PendingSend> send(
      List<ProducerRecord<byte[], byte[]>> toSend, List<StoredBatch> batches)
      throws UplinkException {
    List<PendingSend> pending = new ArrayList<>(toSend.size());
    for (int i = 0; i < toSend.size(); i++) {
      String batchId = batches.get(i).batch().batchId(robotId);
      CompletableFuture<RecordMetadata> earlier = tracker.find(batchId);
      if (earlier != null) {
        pending.add(new PendingSend(batchId, earlier));
        continue;
      }
      CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
      tracker.track(batchId, ack);
      try {
        producer.send(
            toSend.get(i),
            (metadata, failure) -> {
              if (failure != null) {
                ack.completeExceptionally(failure);
              } else {
                ack.complete(metadata);
              }
            });
      } catch (RuntimeException e) {
        ack.completeExceptionally(e);
        throw failure("cannot send batch " + batchId, e);
      }
      pending.add(new PendingSend(batchId, ack));
    }
    return pending;
  }

  private void awaitAcknowledgements(List<PendingSend> pending, long deadlineNs, Duration timeout)
      throws UplinkException {
    for (PendingSend p : pending) {
      try {
        p.ack().get(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new UplinkException(
            "batch " + p.batchId() + " not acknowledged within " + timeout, true, e);
      } catch (ExecutionException e) {
        throw failure("batch " + p.batchId() + " not delivered", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UplinkException("interrupted while waiting for acknowledgements", true, e);
      }
    }
  }

  private UplinkException failure(String what, Throwable cause) {
    if (state.get() == UplinkState.CLOSED) {
      return new UplinkException(what + ": uplink closed", false, cause);
    }
    return new UplinkException(what + ": " + cause, UplinkErrors.retriable(cause), cause);
  }

  private void transition(UplinkState next, String reason) {
    UplinkState previous = state.get();
    while (previous != next && previous != UplinkState.CLOSED) {
      if (state.compareAndSet(previous, next)) {
        if (next == UplinkState.DISCONNECTED) {
          LOG.warn("Uplink to {} disconnected: {}", bootstrapServers, reason);
        } else {
          LOG.info("Uplink to {} {}: {}", bootstrapServers, next.name().toLowerCase(), reason);
        }
        return;
      }
      previous = state.get();
    }
  }

  private static long remainingNs(long deadlineNs) {
    return Math.max(0, deadlineNs - System.nanoTime());
  }

  private record PendingSend(String batchId, CompletableFuture<RecordMetadata> ack) {}
}
