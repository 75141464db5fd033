package io.edgegateway.testkit.sim;

import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Clock;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated humanoid that publishes the samples of a {@link HumanoidProfile} on a {@link Bus}.
 *
 * <p>Implementation notes: one thread, {@code humanoid-sim}, does all publishing. Each topic keeps
 * an absolute schedule: sample {@code n} is due at {@code start + n * period} on the monotonic
 * clock and stamped {@code wallStart + n * period}, so late wake-ups never accumulate into drift. A
 * pass publishes every sample that is due, round robin in bursts of at most {@value #BURST} per
 * topic so one fast topic cannot starve the others, then parks until the earliest next deadline but
 * at least {@code 1 ms}: above 1 kHz a pass publishes several samples rather than relying on
 * sub-millisecond sleeps, and an overloaded simulator still yields the CPU. A topic more than
 * {@code 1 s} behind (after a stall) skips its backlog; skipped samples are counted, not published.
 * The thread assumes the clock's monotonic time advances at real speed.
 */
public final class HumanoidSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HumanoidSimulator.class);

  static final int BURST = 64;
  private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final Bus bus;
  private final HumanoidProfile profile;
  private final double rateScale;
  private final Clock clock;
  private final Map<String, TopicStream.Counters> counters = new LinkedHashMap<>();
  private Set<String> selected;
  private List<TopicStream> streams = List.of();
  private State state = State.NEW;
  private @Nullable Thread thread; // null until start()
  private volatile boolean running;

  /** A simulator for {@code profile} at its nominal rates on the system clock. */
  public HumanoidSimulator(Bus bus, HumanoidProfile profile) {
    this(bus, profile, 1.0, Clock.system());
  }

  /**
   * A simulator publishing {@code profile} on {@code bus} with every rate multiplied by {@code
   * rateScale}. The bus is borrowed: {@link #close()} closes the publishers it created, not the
   * bus.
   */
  public HumanoidSimulator(Bus bus, HumanoidProfile profile, double rateScale, Clock clock) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException(
          "rateScale : " + rateScale + " (expected: finite and > 0)");
    }
    this.rateScale = rateScale;
    for (TopicLoad load : profile.topics()) {
      counters.put(load.topic(), new TopicStream.Counters());
    }
    this.selected = Collections.unmodifiableSet(new LinkedHashSet<>(counters.keySet()));
  }

  /**
   * Restricts publishing to {@code topics}, a non-empty subset of the profile's topic names. Call
   * before {@link #start()}.
   *
   * @return this simulator
   */
  public synchronized HumanoidSimulator topics(Set<String> topics) {
    Objects.requireNonNull(topics, "topics");
    if (state != State.NEW) {
      throw new IllegalStateException("topics can only be chosen before start()");
    }
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("topics : [] (expected: at least one topic)");
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String topic : profile.topicNames()) {
      if (topics.contains(topic)) {
        chosen.add(topic);
      }
    }
    for (String topic : topics) {
      if (!counters.containsKey(topic)) {
        throw new IllegalArgumentException(
            "topics : " + topic + " (expected: one of " + profile.topicNames() + ")");
      }
    }
    this.selected = Collections.unmodifiableSet(chosen);
    return this;
  }

  /** The topics this simulator publishes, in profile order. */
  public synchronized Set<String> activeTopics() {
    return selected;
  }

  /**
   * Creates one publisher per active topic and starts the {@code humanoid-sim} thread.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    open();
    startThread();
  }

  /**
   * Like {@link #start()}, but the schedule starts only once every publisher matched at least
   * {@code subscribers} subscriptions, or after {@code timeout}: a best-effort sample written
   * before its reader matched reaches nobody (the reader then counts it as lost before the match),
   * so a measurement of the readers' loss starts here. Publishers whose bus does not report matches
   * ({@link BusPublisher#matchedSubscribers()} -1) are not waited for. The simulator's lock is held
   * while waiting, so {@link #close()} from another thread waits for the wait to end.
   *
   * @return true if every publisher matched in time, false if the timeout ended the wait (the
   *     simulator publishes either way)
   * @throws IllegalStateException if already started or closed
   * @throws InterruptedException if interrupted while waiting (the publishers are closed)
   */
  public synchronized boolean startWhenMatched(int subscribers, Duration timeout)
      throws InterruptedException {
    if (subscribers < 0) {
      throw new IllegalArgumentException("subscribers : " + subscribers + " (expected: >= 0)");
    }
    Objects.requireNonNull(timeout, "timeout");
    boolean matched = open(subscribers, timeout);
    startThread();
    return matched;
  }

  private void startThread() {
    Thread worker = new Thread(this::run, "humanoid-sim");
    worker.setDaemon(true);
    worker.setUncaughtExceptionHandler(
        (t, e) -> log.error("humanoid simulator thread failed; publishing stopped", e));
    thread = worker;
    worker.start();
    log.info(
        "humanoid simulator started: profile={} rateScale={} topics={}",
        profile.name(),
        rateScale,
        selected.size());
  }

  /** Creates the publishers and fixes the schedule's origin; {@link #start()} without a thread. */
  synchronized void open() {
    try {
      open(0, Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening", e);
    }
  }

  private boolean open(int subscribers, Duration timeout) throws InterruptedException {
    if (state != State.NEW) {
      throw new IllegalStateException("simulator : " + state + " (expected: NEW)");
    }
    List<TopicLoad> loads = new ArrayList<>(selected.size());
    List<BusPublisher> publishers = new ArrayList<>(selected.size());
    boolean matched;
    try {
      for (TopicLoad load : profile.topics()) {
        if (selected.contains(load.topic())) {
          loads.add(load);
          publishers.add(bus.publisher(load.spec()));
        }
      }
      matched = MatchedPublishers.await(publishers, subscribers, timeout);
    } catch (RuntimeException | InterruptedException e) {
      for (int i = 0; i < publishers.size(); i++) {
        closeQuietly(publishers.get(i), loads.get(i).topic());
      }
      state = State.CLOSED;
      throw e;
    }
    long monoStart = clock.monotonicNanos();
    long wallStart = clock.wallNanos();
    List<TopicStream> opened = new ArrayList<>(loads.size());
    for (int i = 0; i < loads.size(); i++) {
      TopicLoad load = loads.get(i);
      opened.add(
          new TopicStream(
              load,
              publishers.get(i),
              profile.encoder(load),
              1e9 / (load.rateHz() * rateScale),
              monoStart,
              wallStart,
              countersOf(load.topic())));
    }
    streams = List.copyOf(opened);
    state = State.RUNNING;
    running = true;
    return matched;
  }

  static void closeQuietly(BusPublisher publisher, String topic) {
    try {
      publisher.close();
    } catch (RuntimeException e) {
      log.warn("closing publisher of {} failed: {}", topic, e.toString());
    }
  }

  private void run() {
    while (running) {
      long next = runOnce(clock.monotonicNanos());
      long waitNanos = next - clock.monotonicNanos();
      LockSupport.parkNanos(this, Math.min(Math.max(waitNanos, MIN_PARK_NANOS), MAX_PARK_NANOS));
    }
  }

  /**
   * Publishes every sample due at {@code nowNanos} (monotonic), then returns the earliest next
   * deadline. Called by the simulator thread, or by tests stepping a fake clock after {@link
   * #open()}.
   */
  long runOnce(long nowNanos) {
    boolean more = true;
    while (more && running) {
      more = false;
      for (TopicStream stream : streams) {
        more |= stream.publishDue(nowNanos, BURST);
      }
    }
    long next = Long.MAX_VALUE;
    for (TopicStream stream : streams) {
      next = Math.min(next, stream.deadline);
    }
    return next;
  }

  /** True between {@link #start()} and {@link #close()}. */
  public boolean isRunning() {
    return running;
  }

  /** The rate {@code topic} is published at: its profile rate times the rate scale. */
  public double effectiveRateHz(String topic) {
    return profile.find(topic).orElseThrow(() -> unknownTopic(topic)).rateHz() * rateScale;
  }

  /** Samples of {@code topic} the bus accepted. */
  public long published(String topic) {
    return countersOf(topic).published.get();
  }

  /** Samples of all topics the bus accepted. */
  public long totalPublished() {
    return counters.values().stream().mapToLong(c -> c.published.get()).sum();
  }

  /** Bytes of all samples the bus accepted. */
  public long totalPublishedBytes() {
    return counters.values().stream().mapToLong(c -> c.bytes.get()).sum();
  }

  /** Samples of {@code topic} the bus refused (publish returned false or threw). */
  public long failures(String topic) {
    return countersOf(topic).failures.get();
  }

  /** Samples of all topics the bus refused. */
  public long totalFailures() {
    return counters.values().stream().mapToLong(c -> c.failures.get()).sum();
  }

  /** Samples of {@code topic} not published because the simulator fell more than 1 s behind. */
  public long skipped(String topic) {
    return countersOf(topic).skipped.get();
  }

  /**
   * Stops publishing, waits up to 2 s for the thread to finish and closes the publishers. The bus
   * stays open. Idempotent.
   */
  @Override
  public void close() {
    Thread worker;
    List<TopicStream> toClose;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      running = false;
      worker = thread;
      toClose = streams;
    }
    if (worker != null) {
      LockSupport.unpark(worker);
      try {
        worker.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (worker.isAlive()) {
        log.warn(
            "humanoid simulator thread still busy after {} ms; interrupting",
            CLOSE_TIMEOUT.toMillis());
        worker.interrupt();
      }
    }
    toClose.forEach(TopicStream::closePublisher);
    if (toClose.isEmpty()) {
      return;
    }
    log.info(
        "humanoid simulator stopped: published={} failures={}", totalPublished(), totalFailures());
  }

  private TopicStream.Counters countersOf(String topic) {
    TopicStream.Counters c = counters.get(topic);
    if (c == null) {
      throw unknownTopic(topic);
    }
    return c;
  }

  private IllegalArgumentException unknownTopic(String topic) {
    return new IllegalArgumentException(
        "topic : " + topic + " (expected: one of " + profile.topicNames() + ")");
  }
}
