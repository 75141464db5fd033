package io.edgegateway.daemon;

import io.edgegateway.daemon.ConfigState.ReloadOutcome;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs config reloads one at a time on its own thread, {@code eg-reload}. Requests that arrive
 * while one is waiting join it (a burst of SIGHUPs is one reload, read after the last of them); a
 * request that arrives while one runs waits for the next. Never blocks the caller (a signal
 * handler, the HTTP event loop).
 */
final class ReloadCoordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReloadCoordinator.class);
  private static final long IDLE_WAIT_MS = 1000;
  static final long SETTLE_MS = 300;
  static final long MAX_SETTLE_MS = 2000;

  private final Function<String, ReloadOutcome> reload;
  private final LongSupplier nanoTime;
  private final Thread thread;
  private @Nullable CompletableFuture<ReloadOutcome> pending; // guarded by this; null: none waits
  private String pendingCause = "";
  private int pendingCount;
  private long firstRequestNanos;
  private long lastRequestNanos;
  private boolean closed;

  /**
   * @param reload one reload, given who asked for it; runs on the coordinator's thread
   */
  ReloadCoordinator(Function<String, ReloadOutcome> reload) {
    this(reload, System::nanoTime);
  }

  /** As above, timing the settle wait with {@code nanoTime} (a test's clock). */
  ReloadCoordinator(Function<String, ReloadOutcome> reload, LongSupplier nanoTime) {
    this.reload = reload;
    this.nanoTime = nanoTime;
    this.thread = new Thread(this::run, "eg-reload");
    this.thread.setDaemon(true);
  }

  /** Starts the reload thread. */
  void start() {
    thread.start();
  }

  /**
   * Asks for a reload; completes with its outcome (failed with IllegalStateException once closed).
   * Coalesces with a reload that has not started yet.
   */
  synchronized CompletableFuture<ReloadOutcome> request(String cause) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("gateway is stopping"));
    }
    long now = nanoTime.getAsLong();
    CompletableFuture<ReloadOutcome> waiting = pending;
    if (waiting == null) {
      waiting = new CompletableFuture<>();
      pending = waiting;
      pendingCause = cause;
      pendingCount = 0;
      firstRequestNanos = now;
      notifyAll();
    }
    pendingCount++;
    lastRequestNanos = now;
    return waiting;
  }

  private void run() {
    while (true) {
      CompletableFuture<ReloadOutcome> next;
      String cause;
      synchronized (this) {
        while (!closed) {
          // read the settle time once a pass: a second reading may be 0, and wait(0) never ends
          long wait = pending == null ? IDLE_WAIT_MS : settleLeftMs();
          if (wait == 0) {
            break;
          }
          try {
            wait(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
          }
        }
        if (closed) {
          CompletableFuture<ReloadOutcome> waiting = pending;
          if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException("gateway is stopping"));
            pending = null;
          }
          return;
        }
        next = Objects.requireNonNull(pending, "a pending reload after the wait");
        cause = pendingCount > 1 ? pendingCause + " x" + pendingCount : pendingCause;
        pending = null;
      }
      try {
        next.complete(reload.apply(cause));
      } catch (RuntimeException e) {
        log.error("config reload ({}) failed unexpectedly: {}", cause, e.toString());
        next.completeExceptionally(e);
      } catch (Error e) {
        // the thread ends: fail this request and every later one instead of leaving them waiting
        log.error("config reload ({}) ended the reload thread: {}", cause, e.toString());
        synchronized (this) {
          closed = true; // before next completes: whoever sees it fail finds later requests refused
          CompletableFuture<ReloadOutcome> waiting = pending;
          if (waiting != null) {
            waiting.completeExceptionally(e);
            pending = null;
          }
        }
        next.completeExceptionally(e);
        throw e;
      }
    }
  }

  /** How long the pending reload still waits for the requests to settle, in ms; guarded by this. */
  private long settleLeftMs() {
    long now = nanoTime.getAsLong();
    long quietLeft = lastRequestNanos + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS) - now;
    long capLeft = firstRequestNanos + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MS) - now;
    long left = Math.min(quietLeft, capLeft);
    return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
  }

  /** Stops taking requests; waits up to 10 s for a running reload to finish. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
