package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who may use the queue's connections when: the write lock for everything on the writing connection
 * (and the in-memory state that follows its commits), the read lock for the read-only connection,
 * both to close. An operation waits at most {@value #LOCK_TIMEOUT_MS} ms for its lock and fails on
 * a closed queue.
 */
final class QueueLocks {

  private static final long LOCK_TIMEOUT_MS = 30_000;

  private final Path db;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private volatile boolean closed;

  QueueLocks(Path db) {
    this.db = db;
  }

  /** Runs {@code action} under the write lock on an open queue. */
  <T> T write(Supplier<T> action) {
    return withLock(
        writeLock,
        () -> {
          ensureOpen();
          return action.get();
        });
  }

  /** Runs {@code action} under the write lock on an open queue. */
  void write(Runnable action) {
    write(
        () -> {
          action.run();
          return null;
        });
  }

  /** Runs {@code action} under the read lock on an open queue. */
  <T> T read(Supplier<T> action) {
    return withLock(
        readLock,
        () -> {
          ensureOpen();
          return action.get();
        });
  }

  /** Runs {@code close} once, under both locks, so after any running operation. */
  void closeOnce(Runnable close) {
    if (closed) {
      return;
    }
    withLock(
        writeLock,
        () ->
            withLock(
                readLock,
                () -> {
                  if (closed) {
                    return null;
                  }
                  closed = true;
                  close.run();
                  return null;
                }));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("queue " + db + " is closed");
    }
  }

  private <T> T withLock(ReentrantLock lock, Supplier<T> action) {
    try {
      if (!lock.tryLock(LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new QueueException(
            "queue " + db + " busy: another operation held it for over " + LOCK_TIMEOUT_MS + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueException("interrupted while waiting for queue " + db, e);
    }
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
