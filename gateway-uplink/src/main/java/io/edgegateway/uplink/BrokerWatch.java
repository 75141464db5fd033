package io.edgegateway.uplink;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster whether it answers, so that the {@link LinkState} turns {@code DISCONNECTED}
 * within about a second of the broker going away instead of when a delivery finally times out (the
 * producer retries a produce request for {@code delivery.timeout.ms}, silently). The transaction
 * and delivery timeouts exactly-once relies on are not touched: only the reported state changes.
 *
 * <p>The probe is an Admin {@code describeCluster} (one small metadata request) with a {@value
 * #PROBE_TIMEOUT_MS} ms deadline, on a client of its own. It runs every {@value #BUSY_INTERVAL_MS}
 * ms while a delivery is under way or the last probe failed, and every {@value #IDLE_INTERVAL_MS}
 * ms otherwise (a few hundred bytes each, so an idle robot on a metered link barely pays for it);
 * it is skipped while deliveries succeed, each of which is an answer too. A broker that stops in
 * the middle of a transaction is therefore reported within {@value #BUSY_INTERVAL_MS} + {@value
 * #PROBE_TIMEOUT_MS} ms of the stop; and a broker that answers again is reported within {@value
 * #BUSY_INTERVAL_MS} ms of its first answer.
 *
 * <p>Runs on its own daemon thread {@code uplink-watch-<robot_id>}, from {@link #start} until
 * {@link #close}.
 */
final class BrokerWatch {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

  static final int PROBE_TIMEOUT_MS = 1000;
  static final long BUSY_INTERVAL_MS = 250;
  static final long IDLE_INTERVAL_MS = 5000;
  private static final long GET_SLACK_MS = 500;

  private final Supplier<Admin> adminFactory;
  private final LinkState state;
  private final ArrayBlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
  private volatile boolean delivering;
  private volatile long deliveredAtNs = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private volatile boolean running;
  private volatile long probesSent;
  private volatile boolean renew;
  private final Thread thread;

  BrokerWatch(String robotId, Supplier<Admin> adminFactory, LinkState state) {
    this.adminFactory = adminFactory;
    this.state = state;
    this.thread = new Thread(this::run, "uplink-watch-" + robotId);
    thread.setDaemon(true);
  }

  /** Starts the probing thread; idempotent. */
  synchronized void start() {
    if (thread.getState() != Thread.State.NEW) {
      return;
    }
    running = true;
    thread.start();
  }

  /** A delivery starts ({@code true}) or ended: probes run at the busy pace while one is on. */
  void delivering(boolean on) {
    delivering = on;
    if (on) {
      wakeups.offer(Boolean.TRUE);
    }
  }

  /**
   * A delivery succeeded: that is an answer, so no probe is needed for the next busy interval (a
   * steady stream of deliveries costs no probes at all).
   */
  void delivered() {
    deliveredAtNs = System.nanoTime();
  }

  /**
   * New TLS material: the next probe uses a new client made from it (the old client's connections
   * would keep the old certificate).
   */
  void renewClient() {
    renew = true;
    wakeups.offer(Boolean.TRUE);
  }

  private void run() {
    @Nullable Admin admin = null;
    try {
      admin = newAdmin();
      while (running && admin != null) {
        if (renew) {
          renew = false;
          admin.close(Duration.ZERO);
          admin = null;
          admin = newAdmin();
          if (admin == null) {
            return;
          }
        }
        // A delivery that succeeded less than a busy interval ago is an answer as good as a probe
        // started then; otherwise probe now.
        long answerAtNs = deliveredAtNs;
        boolean answered = true;
        if (System.nanoTime() - answerAtNs >= TimeUnit.MILLISECONDS.toNanos(BUSY_INTERVAL_MS)) {
          answerAtNs = System.nanoTime();
          answered = probe(admin);
        }
        // The next probe is due an interval after that answer (or failure); a delivery that
        // starts meanwhile shortens the wait to the busy interval.
        while (running) {
          long intervalMs = delivering || !answered ? BUSY_INTERVAL_MS : IDLE_INTERVAL_MS;
          long waitMs = intervalMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answerAtNs);
          if (waitMs <= 0) {
            break;
          }
          wakeups.poll(waitMs, TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
    }
  }

  /**
   * A new Admin client, retried every {@value #IDLE_INTERVAL_MS} ms while it cannot be made (with
   * OAUTHBEARER its creation fetches a token: the token endpoint may be down); null once closed.
   */
  private @Nullable Admin newAdmin() throws InterruptedException {
    boolean warned = false;
    while (running) {
      try {
        Admin admin = adminFactory.get();
        if (warned) {
          LOG.info("Uplink broker watch: client created, probing again");
        }
        return admin;
      } catch (KafkaException e) {
        String reason = UplinkErrors.describe(e);
        state.unanswered("no client: " + reason);
        if (!warned) {
          warned = true;
          LOG.warn("Uplink broker watch: cannot create its client, retrying: {}", reason);
        }
        wakeups.poll(IDLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
      }
    }
    return null;
  }

  /** Probes sent since the start; for tests. */
  long probesSent() {
    return probesSent;
  }

  /** One probe; true if the cluster answered. */
  private boolean probe(Admin admin) throws InterruptedException {
    probesSent++; // only this thread writes it
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
          .clusterId()
          .get(PROBE_TIMEOUT_MS + GET_SLACK_MS, TimeUnit.MILLISECONDS);
      state.answered();
      return true;
    } catch (ExecutionException e) {
      if (running) {
        state.unanswered(
            "the cluster did not answer within " + PROBE_TIMEOUT_MS + " ms: " + e.getCause());
      }
      return false;
    } catch (TimeoutException e) {
      if (running) {
        state.unanswered("the cluster did not answer within " + PROBE_TIMEOUT_MS + " ms");
      }
      return false;
    }
  }

  /** Stops the probing thread and closes its client, waiting at most {@code timeout}. */
  void close(Duration timeout) {
    synchronized (this) {
      running = false;
      if (thread.getState() == Thread.State.NEW) {
        return;
      }
    }
    thread.interrupt();
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
