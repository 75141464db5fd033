package io.edgegateway.daemon.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Names the daemon that synchronises this computer's clock by looking for its process in {@code
 * /proc}: {@code phc2sys} (the system clock follows a PTP hardware clock), {@code chronyd}, {@code
 * ntpd}, {@code systemd-timesyncd}, {@code ptp4l} (PTP, disciplining a hardware clock), in that
 * order of precedence. Reads {@code /proc/<pid>/comm} of every process, so it is called now and
 * then, not on every tick.
 */
final class SyncSources {
  /** The names, as {@code comm} shows them (at most 15 characters), in order of precedence. */
  private static final List<String> COMMS =
      List.of("phc2sys", "chronyd", "ntpd", "systemd-timesyn", "ptp4l");

  private final Path proc;

  /** Looks in {@code proc}, a directory laid out as {@code /proc}. */
  SyncSources(Path proc) {
    this.proc = proc;
  }

  /** This computer's processes. */
  static SyncSources ofThisComputer() {
    return new SyncSources(Path.of("/proc"));
  }

  /**
   * The synchronising daemon that runs, or empty when none of those is seen (or {@code /proc}
   * cannot be read).
   */
  Optional<String> find() {
    int best = COMMS.size();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, SyncSources::isPid)) {
      for (Path pid : pids) {
        int rank = COMMS.indexOf(comm(pid));
        if (rank >= 0 && rank < best) {
          best = rank;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (best == COMMS.size()) {
      return Optional.empty();
    }
    String comm = COMMS.get(best);
    return Optional.of(comm.equals("systemd-timesyn") ? "systemd-timesyncd" : comm);
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The process's command name; empty when it ended meanwhile or cannot be read. */
  private static String comm(Path pid) {
    try {
      return Files.readString(pid.resolve("comm"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
