package io.edgegateway.core.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The robot's zstd dictionaries on disk: {@code <dir>/<id>.zdict} holds a dictionary, {@code
 * <dir>/<stream>.active} the decimal id of the dictionary a stream compresses with. Files are
 * written to a temporary name, forced to disk and renamed, so they survive crashes and restarts.
 *
 * <p>Dictionaries are never deleted by the gateway: batches still queued may need them.
 * Thread-safe.
 */
public final class DictionaryStore implements DictionaryLookup {
  private final Path dir;
  private final Map<Long, ZstdDictionary> cache = new ConcurrentHashMap<>();

  private DictionaryStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (creating if needed) the store in {@code dir}, e.g. {@code <data_dir>/dictionaries}.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static DictionaryStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create dictionary directory " + dir, e);
    }
    return new DictionaryStore(dir);
  }

  /** The directory of the store. */
  public Path directory() {
    return dir;
  }

  /**
   * Saves {@code dictionary} as {@code <id>.zdict} unless a file with its id exists already.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public void save(ZstdDictionary dictionary) {
    Path file = fileOf(dictionary.id());
    if (!Files.exists(file)) {
      writeAtomically(file, dictionary.bytes());
    }
    cache.put(dictionary.id(), dictionary);
  }

  /** Records that {@code stream} compresses with the dictionary {@code id} (saved before). */
  public void activate(String stream, long id) {
    writeAtomically(
        dir.resolve(stream + ".active"), Long.toString(id).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The dictionary {@code stream} compresses with, or empty when none was activated.
   *
   * @throws UncheckedIOException if the files exist but cannot be read or do not hold a dictionary
   */
  public Optional<ZstdDictionary> active(String stream) {
    Path pointer = dir.resolve(stream + ".active");
    String text;
    try {
      text = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UncheckedIOException(
          new IOException(pointer + " holds \"" + text + "\" (expected: a dictionary id)"));
    }
    return Optional.of(
        find(id)
            .orElseThrow(
                () ->
                    new UncheckedIOException(
                        new NoSuchFileException(
                            fileOf(id) + " (named by " + pointer + ") is missing"))));
  }

  /** The dictionary {@code id} from memory or disk; empty when there is no such file. */
  @Override
  public Optional<ZstdDictionary> find(long id) {
    ZstdDictionary cached = cache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Path file = fileOf(id);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    ZstdDictionary d;
    try {
      d = ZstdDictionary.of(bytes);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException(file + ": " + e.getMessage(), e));
    }
    if (d.id() != id) {
      throw new UncheckedIOException(
          new IOException(file + " holds dictionary " + d.id() + " (expected: " + id + ")"));
    }
    cache.put(id, d);
    return Optional.of(d);
  }

  private Path fileOf(long id) {
    return dir.resolve(id + ".zdict");
  }

  private void writeAtomically(Path file, byte[] bytes) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
