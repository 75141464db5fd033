package io.edgegateway.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The Linux scheduling priority ({@code nice}) of this process's threads: lists them from {@code
 * /proc/self/task} and changes it with {@code renice} (util-linux), which applies to one thread
 * when given a thread id. Used once at start to put the control fast path's DDS threads ahead of
 * telemetry on a busy CPU; never on a per-message path.
 */
final class ThreadNice {
  private static final Path TASKS = Path.of("/proc/self/task");

  private ThreadNice() {}

  /** Ids of this process's threads now; empty where {@code /proc} is not available. */
  static Set<Long> threadIds() {
    Set<Long> ids = new TreeSet<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        ids.add(Long.parseLong(task.getFileName().toString()));
      }
    } catch (IOException | NumberFormatException e) {
      return Set.of();
    }
    return ids;
  }

  /** The name of thread {@code tid} ({@code comm}), or {@code ?} if it is gone. */
  static String name(long tid) {
    try {
      return Files.readString(TASKS.resolve(Long.toString(tid)).resolve("comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The nice value of thread {@code tid}, from its {@code stat} (field 19). */
  static int niceOf(long tid) throws IOException {
    String stat =
        Files.readString(TASKS.resolve(Long.toString(tid)).resolve("stat"), StandardCharsets.UTF_8);
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }

  /**
   * Sets the nice value of the threads {@code tids}.
   *
   * @return null on success, else why not (e.g. {@code Permission denied} without root or {@code
   *     CAP_SYS_NICE} for a negative value)
   */
  static String renice(Set<Long> tids, int nice) {
    if (tids.isEmpty()) {
      return null;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
    tids.forEach(t -> command.add(Long.toString(t)));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "renice timed out";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? null : out.lines().reduce((a, b) -> b).orElse("renice failed");
    } catch (IOException e) {
      return "cannot run renice: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
