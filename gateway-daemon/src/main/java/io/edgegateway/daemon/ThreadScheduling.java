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
import org.jspecify.annotations.Nullable;

/**
 * The Linux scheduling of this process's threads: lists them from {@code /proc/self/task}, reads
 * their policy and priority from there, and changes them with util-linux's {@code chrt} (real-time
 * policy) and {@code renice} (nice value), which apply to one thread when given a thread id. Used
 * once at start to put the control fast path's DDS threads ahead of telemetry on a busy CPU; never
 * on a per-message path.
 */
final class ThreadScheduling {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** Linux scheduling policy {@code SCHED_FIFO}, as in a thread's {@code stat} field 41. */
  static final int SCHED_FIFO = 1;

  private ThreadScheduling() {}

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
    return Integer.parseInt(statFields(tid)[19 - 3]);
  }

  /**
   * The scheduling policy of thread {@code tid} ({@code stat} field 41), e.g. {@link #SCHED_FIFO}.
   */
  static int policyOf(long tid) throws IOException {
    return Integer.parseInt(statFields(tid)[41 - 3]);
  }

  /** The real-time priority of thread {@code tid} ({@code stat} field 40); 0 for normal threads. */
  static int realTimePriorityOf(long tid) throws IOException {
    return Integer.parseInt(statFields(tid)[40 - 3]);
  }

  /** The {@code stat} fields after the command name (field 3 first). */
  private static String[] statFields(long tid) throws IOException {
    String stat =
        Files.readString(TASKS.resolve(Long.toString(tid)).resolve("stat"), StandardCharsets.UTF_8);
    // The command name is in parentheses and may contain spaces.
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /**
   * Puts the threads {@code tids} under {@code SCHED_FIFO} at {@code priority}, one {@code chrt}
   * per thread.
   *
   * @return null on success, else why not (e.g. {@code Operation not permitted} without root or
   *     {@code CAP_SYS_NICE}); threads changed before a failure keep the new policy
   */
  static @Nullable String fifo(Set<Long> tids, int priority) {
    for (long tid : tids) {
      String failure =
          run(List.of("chrt", "-f", "-p", Integer.toString(priority), Long.toString(tid)), "chrt");
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /**
   * Sets the nice value of the threads {@code tids}.
   *
   * @return null on success, else why not (e.g. {@code Permission denied} without root or {@code
   *     CAP_SYS_NICE} for a negative value)
   */
  static @Nullable String renice(Set<Long> tids, int nice) {
    if (tids.isEmpty()) {
      return null;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
    tids.forEach(t -> command.add(Long.toString(t)));
    return run(command, "renice");
  }

  private static @Nullable String run(List<String> command, String tool) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return tool + " timed out";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? null : out.lines().reduce((a, b) -> b).orElse(tool + " failed");
    } catch (IOException e) {
      return "cannot run " + tool + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
