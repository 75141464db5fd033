package io.edgegateway.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of zeros, {@code queue.reserve}, that holds disk space for the queue's own bookkeeping:
 * when the disk is full, deleting it leaves room to checkpoint the WAL and to delete delivered or
 * evicted batches, which a full SQLite database in WAL mode cannot otherwise do. Not thread-safe:
 * the queue guards it with its write lock.
 */
final class ReserveFile {

  private static final Logger log = LoggerFactory.getLogger(ReserveFile.class);
  private static final int CHUNK = 64 * 1024;

  private final Path path;
  private final long bytes;
  private boolean held;

  ReserveFile(Path path, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes : " + bytes + " (expected: >= 0)");
    }
    this.path = path;
    this.bytes = bytes;
  }

  /** Size of the reserve in bytes. */
  long bytes() {
    return bytes;
  }

  /** Whether the reserve is on disk at its full size. */
  boolean held() {
    return held || bytes == 0;
  }

  /** Writes the reserve (real blocks, not a sparse file) unless it is there; false if no room. */
  boolean create() {
    if (held()) {
      return true;
    }
    try {
      if (Files.isRegularFile(path) && Files.size(path) == bytes) {
        held = true;
        return true;
      }
      try (FileChannel channel =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
        for (long written = 0; written < bytes; ) {
          zeros.clear().limit((int) Math.min(CHUNK, bytes - written));
          written += channel.write(zeros);
        }
        channel.force(true);
      }
      held = true;
      log.info("queue disk reserve of {} bytes in place at {}", bytes, path);
      return true;
    } catch (IOException e) {
      deleteQuietly();
      log.debug("queue disk reserve {} not created: {}", path, e.toString());
      return false;
    }
  }

  /** Deletes the reserve, giving its space back to the file system; false if it was not held. */
  boolean release() {
    if (!held) {
      return false;
    }
    held = false;
    deleteQuietly();
    log.warn("queue disk full: released the {} byte disk reserve {}", bytes, path);
    return true;
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("queue disk reserve {} could not be deleted: {}", path, e.toString());
    }
  }
}
