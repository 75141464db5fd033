package io.edgegateway.daemon.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process's resident set size, read from the {@code VmRSS:} line of {@code /proc/self/status}
 * (reported by the kernel in kB, so no page size is needed: robots run 4 KiB, 16 KiB and 64 KiB
 * pages). This is what the robot's other processes compete with, heap or not: the JVM's heap,
 * metaspace, thread stacks, the Fast-DDS and SQLite native memory and mapped files alike.
 */
public final class ResidentMemory {
  private final Path status;

  /** Reads {@code status}, a file in the format of {@code /proc/<pid>/status}. */
  ResidentMemory(Path status) {
    this.status = status;
  }

  /** This process's resident memory, or empty where there is no {@code /proc} (not Linux). */
  public static Optional<ResidentMemory> ofThisProcess() {
    Path self = Path.of("/proc/self/status");
    return Files.isReadable(self) ? Optional.of(new ResidentMemory(self)) : Optional.empty();
  }

  /**
   * The resident set in bytes.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalStateException if it has no well-formed {@code VmRSS:} line
   */
  public long bytes() {
    String text;
    try {
      text = Files.readString(status, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+", -1);
        if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("[0-9]{1,15}")) {
          return Long.parseLong(parts[0]) * 1024L;
        }
        throw new IllegalStateException("unexpected VmRSS line in " + status + ": " + line);
      }
    }
    throw new IllegalStateException("no VmRSS line in " + status);
  }
}
