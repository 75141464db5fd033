package io.edgegateway.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of one process, read from {@code /proc/<pid>/stat} and {@code
 * /proc/<pid>/status} (Linux).
 */
final class ProcStats {
  /** Clock ticks per second of {@code /proc/<pid>/stat}'s utime and stime (USER_HZ, 100). */
  static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** User plus system CPU seconds the process has used, or -1 if it is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces) start at field 3 (state).
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident set size in MiB ({@code VmRSS}), or -1 if the process is gone. */
  static double rssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
