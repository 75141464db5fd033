package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.codec.ZstdDictionary;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Uplink} that writes batches to Kafka with a transactional producer: each {@link
 * #deliver} call is one Kafka transaction holding the batches and one checkpoint record per stream
 * they belong to (the KIP-618 pattern of Kafka Connect's exactly-once sources).
 *
 * <p>Records (DESIGN §5): one per batch, topic from the stream's mapping, key the robot id (UTF-8),
 * value {@link SealedBatch#payload()}, headers as in {@link WireHeaders}. Checkpoint: on the
 * checkpoint topic (compacted), key {@code <robot_id>/<stream>}, value the highest {@code
 * batch_seq} of that stream in the transaction as decimal UTF-8. Consumers reading with {@code
 * isolation.level=read_committed} see the batches and the checkpoint together or not at all.
 *
 * <p>Session. {@code transactional.id = edge-gateway/<robot_id>}, stable across restarts. A
 * background thread ({@code uplink-init-<robot_id>}) runs {@code initTransactions()}, retrying on
 * timeouts while the broker is down, then fetches the metadata of every topic; {@link #deliver}
 * waits for it only until its own deadline. {@code initTransactions()} aborts a transaction left
 * open by an earlier process and fences any other producer with the same id (a zombie).
 *
 * <p>{@link #deliver}: (1) waits for the session; (2) if the outcome of an earlier commit is
 * unknown (first call, or a commit that failed), reads the committed checkpoints and skips the
 * offered batches they cover, reporting them delivered; (3) {@code beginTransaction()}, sends the
 * batches and the checkpoints, waits for every acknowledgement; (4) {@code commitTransaction()}.
 * Only then does it return, and only then does the caller delete the rows. Bounds: the caller hands
 * at most one round (the core sender: 64 batches, 32 MiB) per call, and a transaction lives at most
 * the call's timeout plus {@code max.block.ms} of the commit; {@code transaction.timeout.ms} (60 s)
 * lets the coordinator abort a transaction whose process died.
 *
 * <p>Failures. Fenced ({@code ProducerFencedException}, {@code InvalidProducerEpochException}):
 * another instance with the same robot id took over; the producer is closed, the state becomes
 * {@link UplinkState#FENCED} and {@link UplinkFencedException} (not retriable) is thrown now and on
 * every later call. Any other failure before the commit: if the broker answered (e.g. a record too
 * large) the transaction is aborted; if it did not (the deadline passed, a Kafka timeout) or the
 * abort fails, the producer is closed without waiting and a new one is created, whose {@code
 * initTransactions()} aborts the open transaction on the coordinator. A failed commit has an
 * unknown outcome: the producer is recreated and the next call re-reads the checkpoints before it
 * sends anything, so a batch committed once is never committed again. An aborted transaction's
 * records stay in the log but {@code read_committed} consumers never see them, so sending the
 * batches again is correct. {@link UplinkException#retriable()} follows {@link UplinkErrors}.
 *
 * <p>Client timeouts, chosen so a slow or dead link never expires data: nothing is deleted from the
 * durable queue before a commit, so a send that Kafka expires ({@code delivery.timeout.ms} 120 s)
 * only fails the transaction and the batches go out again in the next one. {@code max.block.ms} (10
 * s) bounds {@code initTransactions}, metadata waits, {@code commitTransaction} and {@code
 * abortTransaction}; {@code request.timeout.ms} 30 s. The deadline of {@link #deliver} bounds the
 * wait for the session and the acknowledgements; the commit may add up to {@code max.block.ms}.
 *
 * <p>Limitation: two live instances with the same robot id fence each other; after a non-fenced
 * failure the recreated producer of one can fence the other. Robot ids must be unique.
 *
 * <p>{@link #deliver} calls are serialised; {@link #committedCheckpoints} (which uses a consumer of
 * its own), {@link #state()} and {@link #close(Duration)} may be called from any thread.
 */
public final class KafkaUplink implements Uplink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  /** Checkpoint topic used by the four-argument {@link #create}. */
  public static final String DEFAULT_CHECKPOINT_TOPIC = "edge.gateway.checkpoints";

  private static final Duration CLOSE_ABANDONED = Duration.ZERO;

  private final String robotId;
  private final String bootstrapServers;
  private final Map<String, String> streamToTopic;
  private final String checkpointTopic;
  private final Supplier<Producer<byte[], byte[]>> producerFactory;
  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final BatchRecords records;
  private final ExecutorService background;
  private final ExecutorService metadataProbes;
  private final Map<String, CompletableFuture<Void>> probes = new HashMap<>();
  private final AtomicReference<UplinkState> state = new AtomicReference<>(UplinkState.CONNECTING);
  private final Map<String, Long> committed = new HashMap<>();
  private final String dictionaryTopic;
  private final DictionaryLookup dictionaries;
  private final Set<Long> publishedDictionaries = new HashSet<>();
  private final Set<Long> missingDictionaries = new HashSet<>();
  private volatile Producer<byte[], byte[]> producer;
  private CompletableFuture<Void> session;
  private boolean outcomeUnknown = true;
  private UplinkFencedException fencedBy;

  KafkaUplink(
      String robotId,
      String bootstrapServers,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      Supplier<Producer<byte[], byte[]>> producerFactory,
      Supplier<Consumer<byte[], byte[]>> consumerFactory) {
    this(
        robotId,
        bootstrapServers,
        streamToTopic,
        checkpointTopic,
        null,
        DictionaryLookup.NONE,
        producerFactory,
        consumerFactory);
  }

  KafkaUplink(
      String robotId,
      String bootstrapServers,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      String dictionaryTopic,
      DictionaryLookup dictionaries,
      Supplier<Producer<byte[], byte[]>> producerFactory,
      Supplier<Consumer<byte[], byte[]>> consumerFactory) {
    this.dictionaryTopic = dictionaryTopic;
    this.dictionaries = dictionaries;
    this.robotId = robotId;
    this.bootstrapServers = bootstrapServers;
    this.streamToTopic = streamToTopic;
    this.checkpointTopic = checkpointTopic;
    this.producerFactory = producerFactory;
    this.consumerFactory = consumerFactory;
    this.records = new BatchRecords(robotId);
    this.background = daemonExecutor("uplink-init-" + robotId);
    this.metadataProbes = daemonExecutor("uplink-metadata-" + robotId);
  }

  private static ExecutorService daemonExecutor(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          t.setUncaughtExceptionHandler(
              (thread, e) -> LOG.error("Uncaught exception in {}", thread.getName(), e));
          return t;
        });
  }

  /**
   * Creates an uplink with the {@link #DEFAULT_CHECKPOINT_TOPIC}.
   *
   * @see #create(String, String, Map, Map, String)
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic) {
    return create(
        robotId, bootstrapServers, clientProperties, streamToTopic, DEFAULT_CHECKPOINT_TOPIC);
  }

  /**
   * Creates an uplink and starts its transactional session ({@code initTransactions()} and topic
   * metadata) in the background.
   *
   * @param robotId the record key, the first part of {@code eg-batch-id} and of the {@code
   *     transactional.id}; not empty
   * @param bootstrapServers Kafka bootstrap servers, e.g. {@code broker-1:9092,broker-2:9092}
   * @param clientProperties Kafka producer properties applied over the uplink's defaults (see the
   *     package-private {@code ProducerSettings}); {@code bootstrap.servers} and the serializers
   *     are always the uplink's, {@code transactional.id} must not be set; {@code security.*},
   *     {@code sasl.*} and {@code ssl.*} also apply to the checkpoint reader
   * @param streamToTopic the Kafka topic of each stream; at least one entry
   * @param checkpointTopic the compacted checkpoint topic; must exist, like the stream topics
   * @throws IllegalArgumentException if an argument is out of range
   * @throws org.apache.kafka.common.KafkaException if the producer rejects its configuration
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic) {
    return create(
        robotId,
        bootstrapServers,
        clientProperties,
        streamToTopic,
        checkpointTopic,
        null,
        DictionaryLookup.NONE);
  }

  /**
   * Creates an uplink that also publishes the zstd dictionaries its batches were compressed with.
   *
   * <p>For every batch whose zstd frame names a dictionary (see {@link
   * BatchCodec#dictionaryId(byte[])}) not yet published by this uplink instance, the transaction
   * carrying the batch also carries one record on {@code dictionaryTopic}: key the decimal
   * dictionary id, value the dictionary bytes. A consumer that sees the batch (read_committed) can
   * therefore always find its dictionary. Each dictionary is published again once after every start
   * (the topic is compacted, so that costs one record). A dictionary that {@code dictionaries} does
   * not know is logged once and the batch is sent anyway.
   *
   * @param dictionaryTopic compacted topic of the dictionaries; must exist once a dictionary is
   *     used; null to publish none
   * @param dictionaries the robot's dictionaries by id, e.g. its {@code DictionaryStore}
   * @see #create(String, String, Map, Map, String)
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      String dictionaryTopic,
      DictionaryLookup dictionaries) {
    Objects.requireNonNull(robotId, "robotId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientProperties, "clientProperties");
    Objects.requireNonNull(streamToTopic, "streamToTopic");
    Objects.requireNonNull(checkpointTopic, "checkpointTopic");
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
    if (checkpointTopic.isBlank() || streamToTopic.containsValue(checkpointTopic)) {
      throw new IllegalArgumentException(
          "checkpointTopic : \""
              + checkpointTopic
              + "\" (expected: a topic name that is not a stream topic)");
    }
    Objects.requireNonNull(dictionaries, "dictionaries");
    if (dictionaryTopic != null
        && (dictionaryTopic.isBlank()
            || dictionaryTopic.equals(checkpointTopic)
            || streamToTopic.containsValue(dictionaryTopic))) {
      throw new IllegalArgumentException(
          "dictionaryTopic : \""
              + dictionaryTopic
              + "\" (expected: a topic name that is neither a stream nor the checkpoint topic)");
    }
    Map<String, Object> producerConfig =
        ProducerSettings.producerConfig(robotId, bootstrapServers, clientProperties);
    Map<String, Object> consumerConfig =
        ProducerSettings.checkpointConsumerConfig(robotId, bootstrapServers, clientProperties);
    Supplier<Producer<byte[], byte[]>> producers =
        () ->
            new KafkaProducer<>(
                producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    Supplier<Consumer<byte[], byte[]>> consumers =
        () ->
            new KafkaConsumer<>(
                consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    KafkaUplink uplink =
        new KafkaUplink(
            robotId,
            bootstrapServers,
            Map.copyOf(streamToTopic),
            checkpointTopic,
            dictionaryTopic,
            dictionaries,
            producers,
            consumers);
    uplink.startSession();
    return uplink;
  }

  /** The producer's {@code transactional.id} for {@code robotId}. */
  public static String transactionalId(String robotId) {
    return ProducerSettings.transactionalId(robotId);
  }

  /** Creates the producer and starts its session on the background thread. */
  synchronized void startSession() {
    Producer<byte[], byte[]> p = producerFactory.get();
    producer = p;
    Set<String> topics = new LinkedHashSet<>(streamToTopic.values());
    topics.add(checkpointTopic);
    try {
      session = CompletableFuture.runAsync(() -> initialise(p, topics), background);
    } catch (RejectedExecutionException e) {
      session = CompletableFuture.failedFuture(new IllegalStateException("uplink closed", e));
    }
  }

  private void initialise(Producer<byte[], byte[]> p, Set<String> topics) {
    retryTimeouts(p::initTransactions);
    for (String topic : topics) {
      retryTimeouts(() -> p.partitionsFor(topic));
    }
    if (state.compareAndSet(UplinkState.CONNECTING, UplinkState.CONNECTED)) {
      LOG.info(
          "Uplink to {} connected: transactional id {} initialised",
          bootstrapServers,
          transactionalId(robotId));
    }
  }

  /** Runs {@code step} until it does not time out; stops when the uplink closes. */
  private void retryTimeouts(Runnable step) {
    while (true) {
      try {
        step.run();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (state.get() == UplinkState.CLOSED || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        LOG.debug("Uplink to {}: still waiting for the broker: {}", bootstrapServers, e.toString());
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws UplinkFencedException if another instance with the same robot id took over
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
    if (fencedBy != null) {
      throw fencedBy;
    }
    for (StoredBatch stored : batches) {
      SealedBatch batch = stored.batch();
      if (!streamToTopic.containsKey(batch.stream())) {
        throw new IllegalArgumentException(
            "batch "
                + batch.batchId(robotId)
                + " stream : "
                + batch.stream()
                + " (expected: one of "
                + streamToTopic.keySet()
                + ")");
      }
    }
    if (batches.isEmpty()) {
      return;
    }
    long deadlineNs = System.nanoTime() + timeout.toNanos();
    try {
      awaitSession(deadlineNs, timeout);
      if (outcomeUnknown) {
        committed.clear();
        committed.putAll(readCheckpoints(deadlineNs, timeout));
        outcomeUnknown = false;
      }
      List<SealedBatch> toSend = new ArrayList<>(batches.size());
      for (StoredBatch stored : batches) {
        SealedBatch batch = stored.batch();
        if (batch.batchSeq() > committed.getOrDefault(batch.stream(), 0L)) {
          toSend.add(batch);
        }
      }
      if (toSend.size() < batches.size()) {
        LOG.info(
            "Uplink: {} of {} offered batch(es) were already committed, not sent again",
            batches.size() - toSend.size(),
            batches.size());
      }
      if (!toSend.isEmpty()) {
        transact(toSend, deadlineNs, timeout);
      }
    } catch (UplinkException e) {
      if (e.retriable()) {
        transition(UplinkState.DISCONNECTED, e.getMessage());
      }
      throw e;
    }
    transition(UplinkState.CONNECTED, "delivered " + batches.size() + " batch(es)");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the whole checkpoint topic with {@code isolation.level=read_committed} (all
   * partitions, from the beginning to the end offsets) and keeps the last value of each key of this
   * robot.
   */
  @Override
  public Map<String, Long> committedCheckpoints(Duration timeout) throws UplinkException {
    Objects.requireNonNull(timeout, "timeout");
    if (state.get() == UplinkState.CLOSED) {
      throw new IllegalStateException("uplink closed");
    }
    return readCheckpoints(System.nanoTime() + timeout.toNanos(), timeout);
  }

  @Override
  public UplinkState state() {
    return state.get();
  }

  /**
   * Closes the producer, waiting at most {@code timeout} for in-flight requests; idempotent. An
   * open transaction is aborted by the coordinator when the next session starts.
   */
  @Override
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    UplinkState previous = state.getAndSet(UplinkState.CLOSED);
    if (previous == UplinkState.CLOSED) {
      return;
    }
    Producer<byte[], byte[]> p = producer;
    try {
      if (p != null && previous != UplinkState.FENCED) {
        p.close(timeout);
      }
    } finally {
      background.shutdownNow();
      metadataProbes.shutdownNow();
    }
    LOG.info("Uplink to {} closed", bootstrapServers);
  }

  private void awaitSession(long deadlineNs, Duration timeout) throws UplinkException {
    try {
      session.get(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new UplinkException(
          "transactions not initialised within " + timeout + " (broker unreachable?)", true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isFenced(cause)) {
        throw fenced(cause);
      }
      UplinkException failure = failure("cannot initialise transactions", cause);
      if (state.get() != UplinkState.CLOSED) {
        recreate();
      }
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UplinkException("interrupted while initialising transactions", true, e);
    }
  }

  private void transact(List<SealedBatch> toSend, long deadlineNs, Duration timeout)
      throws UplinkException {
    Map<String, Long> checkpoints = new LinkedHashMap<>();
    for (SealedBatch batch : toSend) {
      checkpoints.merge(batch.stream(), batch.batchSeq(), Math::max);
    }
    Producer<byte[], byte[]> p = producer;
    Set<String> topics = new LinkedHashSet<>();
    for (SealedBatch batch : toSend) {
      topics.add(streamToTopic.get(batch.stream()));
    }
    topics.add(checkpointTopic);
    Map<Long, ZstdDictionary> newDictionaries = dictionariesToPublish(toSend);
    if (!newDictionaries.isEmpty()) {
      topics.add(dictionaryTopic);
    }
    awaitMetadata(p, topics, deadlineNs, timeout);
    List<PendingSend> pending = new ArrayList<>(toSend.size() + checkpoints.size());
    try {
      p.beginTransaction();
      for (ZstdDictionary d : newDictionaries.values()) {
        pending.add(
            send(
                p,
                "dictionary " + d.id(),
                new ProducerRecord<>(
                    dictionaryTopic,
                    Long.toString(d.id()).getBytes(StandardCharsets.UTF_8),
                    d.bytes())));
      }
      for (SealedBatch batch : toSend) {
        pending.add(
            send(
                p,
                batch.batchId(robotId),
                records.toRecord(streamToTopic.get(batch.stream()), batch)));
      }
      for (Map.Entry<String, Long> c : checkpoints.entrySet()) {
        String key = robotId + "/" + c.getKey();
        pending.add(
            send(
                p,
                "checkpoint " + key,
                new ProducerRecord<>(
                    checkpointTopic,
                    key.getBytes(StandardCharsets.UTF_8),
                    Long.toString(c.getValue()).getBytes(StandardCharsets.UTF_8))));
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
    awaitAcknowledgements(pending, deadlineNs, timeout);
    try {
      p.commitTransaction();
    } catch (KafkaException e) {
      if (isFenced(e)) {
        throw fenced(e);
      }
      // The commit may or may not have reached the coordinator: learn it from the checkpoints.
      outcomeUnknown = true;
      UplinkException failure = failure("commit of " + toSend.size() + " batch(es) failed", e);
      recreate();
      throw failure;
    }
    committed.putAll(checkpoints);
    if (!newDictionaries.isEmpty()) {
      publishedDictionaries.addAll(newDictionaries.keySet());
      LOG.info(
          "Uplink: published zstd dictionar{} {} on {}",
          newDictionaries.size() == 1 ? "y" : "ies",
          newDictionaries.keySet(),
          dictionaryTopic);
    }
  }

  /** Dictionaries named by the batches' frames that this instance has not published yet. */
  private Map<Long, ZstdDictionary> dictionariesToPublish(List<SealedBatch> toSend) {
    Map<Long, ZstdDictionary> out = new LinkedHashMap<>();
    for (SealedBatch batch : toSend) {
      long id = BatchCodec.dictionaryId(batch.payload());
      if (id == 0 || publishedDictionaries.contains(id) || out.containsKey(id)) {
        continue;
      }
      Optional<ZstdDictionary> d;
      try {
        d = dictionaryTopic == null ? Optional.empty() : dictionaries.find(id);
      } catch (java.io.UncheckedIOException e) {
        LOG.warn("Uplink: cannot read zstd dictionary {}: {}", id, e.getMessage());
        d = Optional.empty();
      }
      if (d.isPresent()) {
        out.put(id, d.get());
      } else if (missingDictionaries.add(id)) {
        LOG.warn(
            "Uplink: batch {} needs zstd dictionary {}, which {}; sent without it (consumers"
                + " cannot decode it until the dictionary is published)",
            batch.batchId(robotId),
            id,
            dictionaryTopic == null
                ? "no dictionary topic is configured for"
                : "is not on the robot");
      }
    }
    return out;
  }

  /**
   * Waits until the producer has metadata of every topic, so that {@code send()} does not block for
   * {@code max.block.ms}: each topic is probed on the metadata thread and awaited only until the
   * deadline; a probe still running is reused.
   */
  private void awaitMetadata(
      Producer<byte[], byte[]> p, Set<String> topics, long deadlineNs, Duration timeout)
      throws UplinkException {
    for (String topic : topics) {
      while (true) {
        CompletableFuture<Void> probe = probes.get(topic);
        if (probe == null || probe.isDone() && probe.isCompletedExceptionally()) {
          try {
            probe = CompletableFuture.runAsync(() -> p.partitionsFor(topic), metadataProbes);
          } catch (RejectedExecutionException e) {
            probe = CompletableFuture.failedFuture(e);
          }
          probes.put(topic, probe);
        }
        try {
          probe.get(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
          probes.remove(topic);
          break;
        } catch (TimeoutException e) {
          throw new UplinkException(
              "no metadata for topic " + topic + " within " + timeout + " (broker unreachable?)",
              true,
              e);
        } catch (ExecutionException e) {
          probes.remove(topic);
          Throwable cause = e.getCause();
          if (!UplinkErrors.retriable(cause) || remainingNs(deadlineNs) <= 0) {
            throw failure("no metadata for topic " + topic, cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UplinkException("interrupted while waiting for metadata", true, e);
        }
      }
    }
  }

  private PendingSend send(
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

  private void awaitAcknowledgements(List<PendingSend> pending, long deadlineNs, Duration timeout)
      throws UplinkException {
    for (PendingSend p : pending) {
      try {
        p.ack().get(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // The broker does not answer: an abort would block too; start a new session instead.
        UplinkException failure =
            new UplinkException(p.what() + " not acknowledged within " + timeout, true, e);
        recreate();
        throw failure;
      } catch (ExecutionException e) {
        throw abortAfter(p.what() + " not delivered", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        UplinkException failure =
            new UplinkException("interrupted while waiting for acknowledgements", true, e);
        recreate();
        throw failure;
      }
    }
  }

  /** Maps a failure inside the transaction, aborting it (or starting over if that fails). */
  private UplinkException abortAfter(String what, Throwable cause) {
    if (isFenced(cause)) {
      return fenced(cause);
    }
    UplinkException failure = failure(what, cause);
    if (state.get() == UplinkState.CLOSED) {
      return failure;
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      recreate();
      return failure;
    }
    try {
      producer.abortTransaction();
      LOG.debug("Uplink: transaction aborted after: {}", failure.getMessage());
    } catch (KafkaException e) {
      if (isFenced(e)) {
        return fenced(e);
      }
      recreate();
    }
    return failure;
  }

  /**
   * Closes the producer on the background thread (closing can block while the broker is
   * unreachable) and starts a new session after it.
   */
  private void recreate() {
    if (state.get() == UplinkState.CLOSED) {
      return;
    }
    Producer<byte[], byte[]> abandoned = producer;
    try {
      background.execute(() -> closeQuietly(abandoned));
    } catch (RejectedExecutionException e) {
      return;
    }
    LOG.info("Uplink to {}: starting a new producer session", bootstrapServers);
    probes.clear();
    startSession();
  }

  private static void closeQuietly(Producer<byte[], byte[]> p) {
    try {
      p.close(CLOSE_ABANDONED);
    } catch (KafkaException e) {
      LOG.debug("Uplink: closing an abandoned producer failed: {}", e.toString());
    }
  }

  private Map<String, Long> readCheckpoints(long deadlineNs, Duration timeout)
      throws UplinkException {
    String prefix = robotId + "/";
    Map<String, Long> result = new HashMap<>();
    try (Consumer<byte[], byte[]> consumer = consumerFactory.get()) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(checkpointTopic, Duration.ofNanos(remainingNs(deadlineNs)));
      if (infos == null || infos.isEmpty()) {
        throw new UplinkException(
            "checkpoint topic " + checkpointTopic + " does not exist (create it, compacted)",
            true,
            null);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          consumer.endOffsets(partitions, Duration.ofNanos(remainingNs(deadlineNs)));
      while (!reachedEnd(consumer, end, deadlineNs)) {
        if (remainingNs(deadlineNs) == 0) {
          throw new UplinkException(
              "checkpoints of " + checkpointTopic + " not read within " + timeout, true, null);
        }
        long pollNs = Math.min(remainingNs(deadlineNs), TimeUnit.MILLISECONDS.toNanos(200));
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofNanos(pollNs))) {
          if (r.key() == null) {
            continue;
          }
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (!key.startsWith(prefix)) {
            continue;
          }
          String stream = key.substring(prefix.length());
          if (r.value() == null) {
            result.remove(stream);
            continue;
          }
          String value = new String(r.value(), StandardCharsets.UTF_8);
          try {
            result.put(stream, Long.parseLong(value));
          } catch (NumberFormatException e) {
            LOG.warn("Uplink: ignoring checkpoint {} with value \"{}\" (not a number)", key, value);
          }
        }
      }
    } catch (KafkaException e) {
      throw failure("cannot read checkpoints of " + checkpointTopic, e);
    }
    return result;
  }

  private static boolean reachedEnd(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, long deadlineNs) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long position =
          consumer.position(e.getKey(), Duration.ofNanos(Math.max(1, remainingNs(deadlineNs))));
      if (position < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private UplinkFencedException fenced(Throwable cause) {
    fencedBy =
        new UplinkFencedException(
            "another gateway instance with robot_id "
                + robotId
                + " took over the transactional id "
                + transactionalId(robotId)
                + " ("
                + cause.getClass().getSimpleName()
                + ")",
            cause);
    UplinkState previous = state.get();
    if (previous != UplinkState.CLOSED && state.compareAndSet(previous, UplinkState.FENCED)) {
      LOG.error("Uplink to {} fenced: {}", bootstrapServers, fencedBy.getMessage());
      Producer<byte[], byte[]> abandoned = producer;
      try {
        background.execute(() -> closeQuietly(abandoned));
      } catch (RejectedExecutionException e) {
        closeQuietly(abandoned);
      }
    }
    return fencedBy;
  }

  static boolean isFenced(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private UplinkException failure(String what, Throwable cause) {
    if (state.get() == UplinkState.CLOSED) {
      return new UplinkException(what + ": uplink closed", false, cause);
    }
    return new UplinkException(what + ": " + cause, UplinkErrors.retriable(cause), cause);
  }

  private void transition(UplinkState next, String reason) {
    UplinkState previous = state.get();
    while (previous != next && previous != UplinkState.CLOSED && previous != UplinkState.FENCED) {
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

  private record PendingSend(String what, CompletableFuture<RecordMetadata> ack) {}
}
