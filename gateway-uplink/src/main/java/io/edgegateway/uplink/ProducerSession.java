package io.edgegateway.uplink;

import io.edgegateway.core.port.UplinkException;
import io.edgegateway.core.port.UplinkFencedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's transactional producer and its session: creates the producer, initialises it on the
 * background thread, replaces it after a failure that leaves its transaction open, and stops it for
 * good once another instance fenced it.
 *
 * <p>Session. {@code transactional.id = edge-gateway/<robot_id>}, stable across restarts. The
 * background thread ({@code uplink-init-<robot_id>}) runs {@code initTransactions()}, retrying on
 * timeouts while the broker is down, then fetches the metadata of every topic; {@link #await} waits
 * for it only until the caller's deadline. {@code initTransactions()} aborts a transaction left
 * open by an earlier process and fences any other producer with the same id (a zombie).
 *
 * <p>Recreation. When the broker does not answer (an abort would block too) or the abort fails,
 * {@link #recreate} closes the producer without waiting, on the background thread (closing can
 * block while the broker is unreachable), and starts a new session after it, whose {@code
 * initTransactions()} aborts the open transaction on the coordinator.
 *
 * <p>Fencing ({@code ProducerFencedException}, {@code InvalidProducerEpochException}): another
 * instance with the same robot id took over; {@link #fenced} closes the producer, the state becomes
 * {@code FENCED} and the same {@link UplinkFencedException} is thrown on every later call.
 *
 * <p>{@link #start}, {@link #producer()} and {@link #closeProducer} may be called from any thread,
 * the rest under {@link KafkaUplink#deliver}'s lock. The producer and the session are null until
 * {@link #start}; of the methods that use them, only {@link #closeProducer} may run before it.
 */
final class ProducerSession {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private static final Duration CLOSE_ABANDONED = Duration.ZERO;

  private final String robotId;
  private final String bootstrapServers;
  private final Set<String> topics;
  private final Supplier<Producer<byte[], byte[]>> producerFactory;
  private final ExecutorService background;
  private final MetadataProbes probes;
  private final LinkState state;
  private volatile @Nullable Producer<byte[], byte[]> producer;
  private volatile @Nullable CompletableFuture<Void> session;
  private @Nullable UplinkFencedException fencedBy;
  private long generations; // sessions started, guarded by this
  private volatile boolean creating;

  /**
   * @param topics the topics whose metadata a new session fetches
   * @param background the thread that initialises sessions and closes abandoned producers
   * @param probes the metadata probes of the current producer, cleared when it is replaced
   */
  ProducerSession(
      String robotId,
      String bootstrapServers,
      Set<String> topics,
      Supplier<Producer<byte[], byte[]>> producerFactory,
      ExecutorService background,
      MetadataProbes probes,
      LinkState state) {
    this.robotId = robotId;
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.producerFactory = producerFactory;
    this.background = background;
    this.probes = probes;
    this.state = state;
  }

  /**
   * Starts a session on the background thread: creates the producer there (with OAUTHBEARER its
   * constructor fetches the first token, which may take the login's retries when the token endpoint
   * is down), then initialises it. A session started later supersedes this one: a producer created
   * after that is closed at once.
   */
  synchronized void start() {
    long generation = ++generations;
    try {
      session = CompletableFuture.runAsync(() -> createAndInitialise(generation), background);
    } catch (RejectedExecutionException e) {
      session = CompletableFuture.failedFuture(new IllegalStateException("uplink closed", e));
    }
  }

  private void createAndInitialise(long generation) {
    Producer<byte[], byte[]> p;
    creating = true;
    try {
      p = producerFactory.get();
    } finally {
      creating = false;
    }
    synchronized (this) {
      if (generation != generations || state.isClosed()) {
        closeQuietly(p);
        throw new IllegalStateException("producer session superseded");
      }
      producer = p;
    }
    initialise(p);
  }

  private void initialise(Producer<byte[], byte[]> p) {
    retryTimeouts(p::initTransactions);
    for (String topic : topics) {
      retryTimeouts(() -> p.partitionsFor(topic));
    }
    state.initialised(KafkaUplink.transactionalId(robotId));
  }

  /** Runs {@code step} until it does not time out; stops when the uplink closes. */
  private void retryTimeouts(Runnable step) {
    while (true) {
      try {
        step.run();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (state.isClosed() || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        LOG.debug("Uplink to {}: still waiting for the broker: {}", bootstrapServers, e.toString());
      }
    }
  }

  /** The current producer. */
  Producer<byte[], byte[]> producer() {
    return Objects.requireNonNull(producer, "producer session not started");
  }

  /**
   * True if the current session's {@code initTransactions()} has completed (any thread): no
   * transaction of an earlier process or session with this transactional id is still open.
   */
  boolean initialised() {
    CompletableFuture<Void> s = session;
    return s != null && s.isDone() && !s.isCompletedExceptionally();
  }

  /** Waits until the current session is initialised, at most until {@code deadline}. */
  void await(Deadline deadline) throws UplinkException {
    CompletableFuture<Void> s = Objects.requireNonNull(session, "producer session not started");
    try {
      s.get(deadline.remainingNs(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new UplinkException(
          creating
              ? "no producer within "
                  + deadline.timeout()
                  + ": its SASL login is still retrying (token endpoint unreachable or slow?)"
              : "transactions not initialised within "
                  + deadline.timeout()
                  + " (broker unreachable?)",
          true,
          e);
    } catch (ExecutionException e) {
      Throwable cause = UplinkErrors.causeOf(e);
      if (UplinkErrors.isFenced(cause)) {
        throw fenced(cause);
      }
      UplinkException failure =
          UplinkErrors.failure("cannot initialise transactions", cause, state.isClosed());
      if (!state.isClosed()) {
        recreate();
      }
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UplinkException("interrupted while initialising transactions", true, e);
    }
  }

  /**
   * Closes the producer on the background thread (closing can block while the broker is
   * unreachable) and starts a new session after it.
   */
  void recreate() {
    if (state.isClosed()) {
      return;
    }
    Producer<byte[], byte[]> abandoned = takeProducer();
    try {
      if (abandoned != null) {
        background.execute(() -> closeQuietly(abandoned));
      }
    } catch (RejectedExecutionException e) {
      return;
    }
    LOG.info("Uplink to {}: starting a new producer session", bootstrapServers);
    probes.clear();
    start();
  }

  /**
   * Replaces the producer with a new one from the factory (new TLS material) and starts its
   * session; its {@code initTransactions()} fences the old one. A session still initialising is
   * abandoned: its producer is closed now, which ends its {@code initTransactions()} retries, so
   * the new session does not queue behind it.
   */
  void replace() {
    if (state.isClosed()) {
      return;
    }
    Producer<byte[], byte[]> abandoned = takeProducer();
    CompletableFuture<Void> s = session;
    probes.clear();
    if (abandoned == null) {
      LOG.debug("Uplink: no producer to replace yet");
    } else if (s != null && s.isDone()) {
      try {
        background.execute(() -> closeQuietly(abandoned));
      } catch (RejectedExecutionException e) {
        return;
      }
    } else {
      closeQuietly(abandoned);
    }
    LOG.info(
        "Uplink to {}: starting a new producer session with new TLS material", bootstrapServers);
    start();
  }

  /** The current producer, which the caller then abandons; null when none was created. */
  private synchronized @Nullable Producer<byte[], byte[]> takeProducer() {
    Producer<byte[], byte[]> p = producer;
    producer = null;
    return p;
  }

  /** Throws the fencing exception if this session was fenced before. */
  void throwIfFenced() throws UplinkFencedException {
    UplinkFencedException f = fencedBy;
    if (f != null) {
      throw f;
    }
  }

  /**
   * Records that another instance took over the transactional id, as {@code cause} says; the first
   * time, moves the state to {@code FENCED} and closes the producer.
   */
  UplinkFencedException fenced(Throwable cause) {
    String message =
        "another gateway instance with robot_id "
            + robotId
            + " took over the transactional id "
            + KafkaUplink.transactionalId(robotId)
            + " ("
            + cause.getClass().getSimpleName()
            + ")";
    UplinkFencedException f = new UplinkFencedException(message, cause);
    fencedBy = f;
    Producer<byte[], byte[]> abandoned = producer;
    if (state.fence(message) && abandoned != null) {
      try {
        background.execute(() -> closeQuietly(abandoned));
      } catch (RejectedExecutionException e) {
        closeQuietly(abandoned);
      }
    }
    return f;
  }

  /** Closes the current producer, waiting at most {@code timeout} for in-flight requests. */
  void closeProducer(Duration timeout) {
    Producer<byte[], byte[]> p = producer;
    if (p != null) {
      p.close(timeout);
    }
  }

  private static void closeQuietly(Producer<byte[], byte[]> p) {
    try {
      p.close(CLOSE_ABANDONED);
    } catch (KafkaException e) {
      LOG.debug("Uplink: closing an abandoned producer failed: {}", e.toString());
    }
  }
}
