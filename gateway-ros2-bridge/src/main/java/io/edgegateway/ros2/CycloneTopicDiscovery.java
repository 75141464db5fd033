package io.edgegateway.ros2;

import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.TopicDiscovery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TopicDiscovery} through a helper process, {@code eg-discover}: a small Cyclone DDS C
 * program, prebuilt when this module is built ({@link DiscoverHelper}), that joins the domain and
 * prints every DDS writer the standard builtin topic {@code DCPSPublication} reports, one line per
 * writer appearing or leaving.
 *
 * <p>Why a helper: ihmc-pub-sub (the Fast-DDS wrapper) has no endpoint discovery; its {@code
 * registerEndpointDiscoveryListeners} only stores the listeners and its native listener forwards
 * participant discovery only (see docs/architecture.md, Topic discovery).
 *
 * <p>Robustness: a helper that is missing, cannot be started, or exits is logged on one line and
 * started again with backoff (1 s doubling to 60 s; reset after a minute of healthy running). When
 * it exits, every topic it reported vanishes (listeners release them) and reappears once the new
 * helper reports it. The helper exits by itself when the JVM is gone.
 */
public final class CycloneTopicDiscovery implements TopicDiscovery {
  private static final Logger log = LoggerFactory.getLogger(CycloneTopicDiscovery.class);
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final Duration HEALTHY_RUN = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final int STDERR_LINES = 10;

  /** Where the helper executable comes from. */
  public interface HelperSource {
    /**
     * The helper's path.
     *
     * @throws IOException if there is none to run; the message says why
     */
    Path executable() throws IOException;
  }

  private final int domainId;
  private final HelperSource helper;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final List<InetAddress> peers;
  private final PublicationTable table = new PublicationTable();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean ready;
  private @Nullable Process process; // guarded by this
  private @Nullable Thread thread;

  /**
   * A discovery on {@code domainId} through {@code helper}.
   *
   * @param minBackoff first wait before restarting a failed helper
   * @param maxBackoff longest wait between restarts
   */
  public CycloneTopicDiscovery(
      int domainId, HelperSource helper, Duration minBackoff, Duration maxBackoff) {
    this(domainId, List.of(), helper, minBackoff, maxBackoff);
  }

  /**
   * A discovery on {@code domainId} through {@code helper} that also contacts {@code peers} by
   * unicast, as {@code ros2.peers} does for the bus (for networks without multicast).
   *
   * @param minBackoff first wait before restarting a failed helper
   * @param maxBackoff longest wait between restarts
   */
  public CycloneTopicDiscovery(
      int domainId,
      List<InetAddress> peers,
      HelperSource helper,
      Duration minBackoff,
      Duration maxBackoff) {
    this.peers = List.copyOf(peers);
    if (domainId < 0 || domainId > FastDdsBus.MAX_DOMAIN_ID) {
      throw new IllegalArgumentException(
          "domainId : " + domainId + " (expected: 0.." + FastDdsBus.MAX_DOMAIN_ID + ")");
    }
    this.domainId = domainId;
    this.helper = Objects.requireNonNull(helper, "helper");
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff : " + minBackoff + ".." + maxBackoff + " (expected: 0 < min <= max)");
    }
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * A discovery on {@code domainId} with the default helper ({@link DiscoverHelper#locate}) and
   * backoff.
   */
  public static CycloneTopicDiscovery forDomain(int domainId) {
    return forDomain(domainId, List.of());
  }

  /**
   * A discovery on {@code domainId} that also contacts {@code peers} by unicast, with the default
   * helper ({@link DiscoverHelper#locate}) and backoff.
   */
  public static CycloneTopicDiscovery forDomain(int domainId, List<InetAddress> peers) {
    return new CycloneTopicDiscovery(
        domainId, peers, DiscoverHelper::locate, MIN_BACKOFF, MAX_BACKOFF);
  }

  /**
   * The {@code CYCLONEDDS_URI} for the helper: the inherited one (if any) plus, when there are
   * peers, a fragment listing them (Cyclone merges comma-separated fragments in order).
   */
  static @Nullable String cycloneUri(@Nullable String inherited, List<InetAddress> peers) {
    if (peers.isEmpty()) {
      return inherited;
    }
    StringBuilder xml = new StringBuilder("<CycloneDDS><Domain id=\"any\"><Discovery><Peers>");
    for (InetAddress peer : peers) {
      xml.append("<Peer address=\"").append(peer.getHostAddress()).append("\"/>");
    }
    xml.append(
        "</Peers><ParticipantIndex>auto</ParticipantIndex></Discovery></Domain></CycloneDDS>");
    return inherited == null || inherited.isBlank() ? xml.toString() : inherited + "," + xml;
  }

  @Override
  public void start(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("discovery already started");
    }
    thread = new Thread(() -> run(listener), "eg-discovery");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public List<DiscoveredTopic> topics() {
    synchronized (table) {
      return table.snapshot();
    }
  }

  @Override
  public boolean ready() {
    return ready;
  }

  private void run(Listener listener) {
    Duration backoff = minBackoff;
    while (!closed) {
      long startedAt = System.nanoTime();
      String outcome = runHelperOnce(listener);
      ready = false;
      if (closed) {
        return; // the owner is shutting down; it releases what it subscribed itself
      }
      List<PublicationTable.Change> gone;
      synchronized (table) {
        gone = table.clear();
      }
      gone.forEach(change -> deliver(listener, change));
      if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(HEALTHY_RUN) >= 0) {
        backoff = minBackoff;
      }
      log.warn(
          "topic discovery on domain {} stopped: {}; retrying in {} ms (configured rules with a"
              + " type keep working)",
          domainId,
          outcome,
          backoff.toMillis());
      try {
        Thread.sleep(backoff.toMillis()); // a backoff pause, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  /** Runs the helper until it exits; returns why it stopped. */
  private String runHelperOnce(Listener listener) {
    Path executable;
    try {
      executable = helper.executable();
    } catch (IOException | RuntimeException e) {
      return "discovery unavailable: " + e.getMessage();
    }
    Process p;
    try {
      synchronized (this) {
        if (closed) {
          return "closed";
        }
        ProcessBuilder builder =
            new ProcessBuilder(executable.toString(), Integer.toString(domainId))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        String uri = cycloneUri(builder.environment().get("CYCLONEDDS_URI"), peers);
        if (uri != null) {
          builder.environment().put("CYCLONEDDS_URI", uri);
        }
        p = builder.start();
        process = p;
      }
    } catch (IOException e) {
      return "cannot start " + executable + ": " + e.getMessage();
    }
    Deque<String> stderr = new ArrayDeque<>();
    Thread errors = drain(p.getErrorStream(), stderr);
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        onLine(line, listener);
      }
    } catch (IOException e) {
      // the process was destroyed; its exit status says the rest
    }
    int code;
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
      }
      errors.join(STOP_TIMEOUT.toMillis());
      code = p.isAlive() ? -1 : p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return "interrupted";
    }
    synchronized (stderr) {
      return "eg-discover exited with code "
          + code
          + (stderr.isEmpty() ? "" : ": " + String.join(" | ", stderr));
    }
  }

  private void onLine(String line, Listener listener) {
    String[] f = line.split("\t", -1);
    Optional<PublicationTable.Change> change = Optional.empty();
    synchronized (table) {
      if (f.length == 1 && f[0].equals("ready")) {
        ready = true;
        log.info("topic discovery on domain {} running (eg-discover)", domainId);
      } else if ((f.length == 5 || f.length == 6) && f[0].equals("+")) {
        Optional<String> hash =
            f.length == 6 && f[5].startsWith("RIHS") ? Optional.of(f[5]) : Optional.empty();
        change = table.writerAppeared(f[1], f[3], f[4], hash);
      } else if (f.length == 2 && f[0].equals("-")) {
        change = table.writerGone(f[1]);
      } else {
        log.warn("eg-discover printed an unexpected line, ignored: {}", line);
      }
    }
    change.ifPresent(c -> deliver(listener, c));
  }

  private static void deliver(Listener listener, PublicationTable.Change change) {
    try {
      if (change instanceof PublicationTable.Appeared a) {
        if (a.topic().ros()) {
          listener.topicAppeared(a.topic());
        }
      } else if (change instanceof PublicationTable.Vanished v) {
        if (v.topic().ros()) {
          listener.topicVanished(v.topic());
        }
      }
    } catch (RuntimeException e) {
      log.warn("topic discovery listener failed on {}: {}", change, e.toString());
    }
  }

  private static Thread drain(InputStream in, Deque<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > STDERR_LINES) {
                      lines.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "eg-discovery-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Stops the helper and the discovery thread. Idempotent. */
  @Override
  public void close() {
    Process p;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      p = process;
    }
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
