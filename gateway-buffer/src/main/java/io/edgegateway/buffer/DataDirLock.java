package io.edgegateway.buffer;

import io.edgegateway.core.port.QueueException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dataDir>/queue.lock} held while a queue is open, so that a second
 * gateway cannot write the same database. The OS drops it when the process dies.
 */
final class DataDirLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock on {@code lockFile} without waiting, naming {@code db} if it is taken. */
  static DataDirLock acquire(Path lockFile, Path db) {
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new QueueException("cannot create queue lock file " + lockFile + ": " + e, e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new QueueException(
            db + " is already open in another process; only one gateway may use a data_dir");
      }
      return new DataDirLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new QueueException(db + " is already open in this process", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new QueueException("cannot lock queue lock file " + lockFile + ": " + e, e);
    } catch (QueueException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Releases the lock; the lock file stays. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases the lock as well.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the channel is gone either way.
    }
  }
}
