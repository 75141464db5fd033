package io.edgegateway.daemon.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Ctrl-C / SIGTERM for a foreground command: a shutdown hook that signals the command to stop and
 * then holds the JVM open until the command has cleaned up (at most {@code cleanupTimeout}).
 *
 * <pre>
 * try (StopSignal stop = StopSignal.install("eg-demo-stop", Duration.ofSeconds(30), null)) {
 *   while (!stop.await(Duration.ofSeconds(1))) { ... }
 * }   // close(): cleanup finished, the hook (if running) lets the JVM exit
 * </pre>
 */
final class StopSignal implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal(String threadName, Duration cleanupTimeout, @Nullable Runnable onStop) {
    this.hook =
        new Thread(
            () -> {
              stop.countDown();
              if (onStop != null) {
                onStop.run();
              }
              try {
                done.await(cleanupTimeout.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            threadName);
  }

  /**
   * Installs the hook.
   *
   * @param onStop also run by the hook when a stop is requested (e.g. wake a blocking poll); may be
   *     null
   */
  static StopSignal install(String threadName, Duration cleanupTimeout, @Nullable Runnable onStop) {
    StopSignal s = new StopSignal(threadName, cleanupTimeout, onStop);
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** Waits up to {@code timeout}; true once a stop was requested. */
  boolean await(Duration timeout) throws InterruptedException {
    return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Requests the stop (a signal handler, or the command itself). */
  void request() {
    stop.countDown();
  }

  /** Waits until a stop is requested. */
  void awaitRequest() throws InterruptedException {
    while (!await(Duration.ofMinutes(1))) {
      // keep waiting: a daemon runs until it is told to stop
    }
  }

  /** True once a stop was requested. */
  boolean requested() {
    return stop.getCount() == 0;
  }

  /** Marks cleanup as finished and removes the hook unless it is already running. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running (Ctrl-C) and has just been released by `done`.
    }
  }
}
