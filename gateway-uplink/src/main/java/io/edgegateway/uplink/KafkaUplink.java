package io.edgegateway.uplink;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.DictionaryLookup;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import io.edgegateway.core.tls.TlsFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;
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
 * <p>{@link #deliver}: (1) waits for the session; (2) if the outcome of an earlier commit is
 * unknown (first call, or a commit that failed), reads the committed checkpoints and skips the
 * offered batches they cover, reporting them delivered; (3) {@code beginTransaction()}, sends the
 * batches and the checkpoints, waits for every acknowledgement; (4) {@code commitTransaction()}.
 * Only then does it return, and only then does the caller delete the rows. Bounds: the caller hands
 * at most one round (the core sender: at most 1024 batches, 32 MiB) per call, and a transaction
 * lives at most the call's timeout plus {@code max.block.ms} of the commit; {@code
 * transaction.timeout.ms} (60 s) lets the coordinator abort a transaction whose process died.
 *
 * <p>Failures. Fenced: another instance with the same robot id took over; the state becomes {@link
 * UplinkState#FENCED} and {@link UplinkFencedException} (not retriable) is thrown now and on every
 * later call. Any other failure aborts the transaction or starts a new producer session, and a
 * batch committed once is never committed again, even when a commit's outcome is unknown (see
 * {@code TransactionalDelivery}). {@link UplinkException#retriable()} follows {@link UplinkErrors}.
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
 *
 * <p>Implementation: this facade checks arguments and wires the parts, as the Kafka producer's
 * internals are split: {@code ProducerSession} (the producer, its initialisation, recreation and
 * fencing), {@code TransactionalDelivery} (one transaction: begin, send, commit, abort), {@code
 * CheckpointReconciler} with {@code CheckpointReader} (what Kafka already has), {@code
 * MetadataProbes}, {@code BatchRecords} (the records), {@code DictionaryPublication}, {@code
 * LinkState} (the state reported to operators), {@code BrokerWatch} (which probes the cluster so
 * that the state turns {@code DISCONNECTED} within about a second of the broker going away), and
 * for mTLS {@link UplinkTls} (the PEM material and its watcher), {@code UplinkClients} (clients
 * made from the material in use) and {@code TlsRotation} (a new producer between transactions).
 */
public final class KafkaUplink implements Uplink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  /** Checkpoint topic used by the four-argument {@link #create}. */
  public static final String DEFAULT_CHECKPOINT_TOPIC = "edge.gateway.checkpoints";

  private final String robotId;
  private final String bootstrapServers;
  private final UplinkTopics topics;
  private final ExecutorService background;
  private final ExecutorService metadataThread;
  private final LinkState state;
  private final BrokerWatch watch;
  private final ProducerSession session;
  private final CheckpointReconciler reconciler;
  private final TransactionalDelivery delivery;
  private final @Nullable UplinkTls tls;
  private final TlsRotation rotation;

  KafkaUplink(
      String robotId,
      String bootstrapServers,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries,
      Supplier<Producer<byte[], byte[]>> producerFactory,
      Supplier<Consumer<byte[], byte[]>> consumerFactory,
      Supplier<Admin> adminFactory,
      @Nullable UplinkTls tls,
      SaslCredentials sasl) {
    this.robotId = robotId;
    this.tls = tls;
    this.bootstrapServers = bootstrapServers;
    this.topics = new UplinkTopics(streamToTopic, checkpointTopic, dictionaryTopic);
    this.background = UplinkThreads.daemonExecutor("uplink-init-" + robotId);
    this.metadataThread = UplinkThreads.daemonExecutor("uplink-metadata-" + robotId);
    this.state = new LinkState(bootstrapServers);
    this.watch = new BrokerWatch(robotId, adminFactory, state);
    MetadataProbes probes = new MetadataProbes(metadataThread, state);
    this.session =
        new ProducerSession(
            robotId,
            bootstrapServers,
            topics.sessionTopics(),
            producerFactory,
            background,
            probes,
            state);
    this.reconciler =
        new CheckpointReconciler(
            new CheckpointReader(robotId, checkpointTopic, consumerFactory, state));
    this.delivery =
        new TransactionalDelivery(
            robotId,
            topics,
            session,
            probes,
            reconciler,
            new DictionaryPublication(robotId, dictionaryTopic, dictionaries),
            state);
    this.rotation = new TlsRotation(tls, sasl, session, reconciler, watch);
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
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries) {
    return create(
        robotId,
        bootstrapServers,
        clientProperties,
        streamToTopic,
        checkpointTopic,
        dictionaryTopic,
        dictionaries,
        Optional.empty());
  }

  /**
   * Creates an uplink with mTLS from PEM files, rotated without a restart ({@link UplinkTls}): the
   * files are checked now; when they change, good new material is used from the next transaction on
   * (a new producer with the same {@code transactional.id}), bad material is refused and the
   * material in use kept.
   *
   * @param tls the files; empty for no TLS beyond what {@code clientProperties} configure (which
   *     then must not set {@code security.protocol} or {@code ssl.*})
   * @throws IllegalArgumentException if an argument is out of range or the TLS files are not usable
   * @see #create(String, String, Map, Map, String, String, DictionaryLookup)
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries,
      Optional<TlsFiles> tls) {
    return create(
        robotId,
        bootstrapServers,
        clientProperties,
        streamToTopic,
        checkpointTopic,
        dictionaryTopic,
        dictionaries,
        tls,
        SaslCredentials.NONE);
  }

  /**
   * Creates an uplink that authenticates with SASL ({@link SaslClientProperties}, OAUTHBEARER or
   * SCRAM) with the section {@code sasl} holds when each client is made; a rotated secret replaces
   * the producer before the next transaction. An OAUTHBEARER endpoint is added to the JVM's allowed
   * URLs ({@link OAuthAllowedUrls}); the first token is fetched in the background (an endpoint that
   * is down keeps the uplink not connected, not failed).
   *
   * @param sasl the section; {@link SaslCredentials#NONE} for none
   * @see #create(String, String, Map, Map, String, String, DictionaryLookup, Optional)
   */
  public static KafkaUplink create(
      String robotId,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Map<String, String> streamToTopic,
      String checkpointTopic,
      @Nullable String dictionaryTopic,
      DictionaryLookup dictionaries,
      Optional<TlsFiles> tls,
      SaslCredentials sasl) {
    return UplinkAssembly.create(
        robotId,
        bootstrapServers,
        clientProperties,
        streamToTopic,
        checkpointTopic,
        dictionaryTopic,
        dictionaries,
        tls,
        sasl);
  }

  /** The producer's {@code transactional.id} for {@code robotId}. */
  public static String transactionalId(String robotId) {
    return ProducerSettings.transactionalId(robotId);
  }

  /**
   * Creates the producer and starts its session on the background thread, and the broker watch on
   * its own.
   */
  synchronized void startSession() {
    session.start();
    watch.start();
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
    if (state.isClosed()) {
      throw new IllegalStateException("uplink closed");
    }
    session.throwIfFenced();
    topics.checkStreamsOf(batches, robotId);
    if (batches.isEmpty()) {
      return;
    }
    Deadline deadline = Deadline.after(timeout);
    watch.delivering(true);
    try {
      rotation.applyIfPending();
      session.await(deadline);
      List<SealedBatch> toSend = reconciler.notCommitted(batches, deadline);
      if (!toSend.isEmpty()) {
        delivery.commit(toSend, deadline);
      }
    } catch (UplinkException e) {
      if (e.retriable()) {
        state.deliveryFailed(e.getMessage());
      }
      throw e;
    } finally {
      watch.delivering(false);
    }
    watch.delivered();
    state.delivered("delivered " + batches.size() + " batch(es)");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the whole checkpoint topic with {@code isolation.level=read_committed} (all
   * partitions, from the beginning to the end offsets) and keeps the last value of each key of this
   * robot. The next delivery reuses the result when that is safe ({@link CheckpointReconciler}).
   */
  @Override
  public Map<String, Long> committedCheckpoints(Duration timeout) throws UplinkException {
    Objects.requireNonNull(timeout, "timeout");
    if (state.isClosed()) {
      throw new IllegalStateException("uplink closed");
    }
    return reconciler.readFor(session.initialised(), Deadline.after(timeout));
  }

  @Override
  public UplinkState state() {
    return state.get();
  }

  /** The mTLS material and its rotation; empty when the uplink was created without TLS files. */
  public Optional<UplinkTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The broker watch; for tests. */
  BrokerWatch watch() {
    return watch;
  }

  /**
   * Closes the producer, waiting at most {@code timeout} for in-flight requests; idempotent. An
   * open transaction is aborted by the coordinator when the next session starts.
   */
  @Override
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    UplinkState previous = state.close();
    if (previous == UplinkState.CLOSED) {
      return;
    }
    try {
      if (previous != UplinkState.FENCED) {
        session.closeProducer(timeout);
      }
    } finally {
      watch.close(timeout);
      if (tls != null) {
        tls.close();
      }
      background.shutdownNow();
      metadataThread.shutdownNow();
    }
    LOG.info("Uplink to {} closed", bootstrapServers);
  }
}
