package io.edgegateway.testkit.dds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * DDS domain ids leased to this JVM out of a range shared by every JVM on the machine: an id is
 * this JVM's while it holds an exclusive OS lock on the id's file in a lock directory, and a key
 * keeps the id it first got.
 *
 * <p>Implementation notes: locks are taken with {@link FileChannel#tryLock()}, never waited for,
 * and held until the JVM exits; the OS drops them with the process, so a JVM that crashed or was
 * killed leaks no id. The lock files themselves stay behind, empty, and are reused. Thread-safe.
 */
final class DomainIdLeases {
  private final Path directory;
  private final int first;
  private final int last;
  private final Map<String, Integer> idsByKey = new HashMap<>();
  private final Map<Integer, FileLock> held = new HashMap<>();

  /** Leases ids {@code first..last} (inclusive) through lock files in {@code directory}. */
  DomainIdLeases(Path directory, int first, int last) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (first < 0 || last < first) {
      throw new IllegalArgumentException(
          "range : " + first + ".." + last + " (expected: 0 <= first <= last)");
    }
    this.first = first;
    this.last = last;
  }

  /**
   * The id leased for {@code key}: the same one on every call in this JVM, and one no other JVM
   * using the same directory holds.
   *
   * @throws IllegalStateException if every id of the range is held, by this or other JVMs
   * @throws UncheckedIOException if the lock directory or a lock file cannot be created
   */
  synchronized int lease(String key) {
    Objects.requireNonNull(key, "key");
    Integer known = idsByKey.get(key);
    if (known != null) {
      return known;
    }
    int id = lockFreeId(key);
    idsByKey.put(key, id);
    return id;
  }

  private int lockFreeId(String key) {
    try {
      Files.createDirectories(directory);
      for (int id = first; id <= last; id++) {
        if (!held.containsKey(id)) {
          @Nullable FileLock lock = tryLock(directory.resolve(id + ".lock"));
          if (lock != null) {
            held.put(id, lock);
            return id;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock a DDS domain id under " + directory, e);
    }
    throw new IllegalStateException(
        "No free DDS domain id for "
            + key
            + ": all of "
            + first
            + ".."
            + last
            + " are held by this JVM ("
            + held.size()
            + ") or other running JVMs (lock files in "
            + directory
            + ")");
  }

  /**
   * The exclusive lock on {@code file}, or null if another JVM (or another lessee here) holds it.
   */
  private static @Nullable FileLock tryLock(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    @Nullable FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
    }
    return lock;
  }
}
