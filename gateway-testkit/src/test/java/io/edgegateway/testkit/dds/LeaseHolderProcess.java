package io.edgegateway.testkit.dds;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM that leases DDS domain ids and holds them until it is killed: {@link #main} runs in
 * the child, the instance is the test's handle on it.
 *
 * <p>The child prints {@code id <n>} per lease, {@code exhausted <message>} when a lease fails,
 * then {@code holding}, and keeps its leases until its stdin closes or it is killed.
 */
public final class LeaseHolderProcess implements AutoCloseable {
  private static final String HOLDING = "holding";
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LeaseHolderProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLines, "lease-holder-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Child JVM entry. Arguments: {@code forTest <count>} leases {@link DdsDomains#forTest}({@link
   * DdsDomainsTest}, 0..count-1); {@code <dir> <first> <last> <count>} leases keys {@code child#i}
   * from a {@link DomainIdLeases} of its own.
   */
  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[args.length - 1]);
    DomainIdLeases leases =
        args[0].equals("forTest")
            ? null
            : new DomainIdLeases(
                Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    for (int i = 0; i < count; i++) {
      try {
        int id =
            leases == null
                ? DdsDomains.forTest(DdsDomainsTest.class, i)
                : leases.lease("child#" + i);
        System.out.println("id " + id);
      } catch (IllegalStateException e) {
        System.out.println("exhausted " + e.getMessage());
      }
    }
    System.out.println(HOLDING);
    System.out.flush();
    while (System.in.read() != -1) {
      // hold the leases until the parent closes stdin or kills this JVM
    }
  }

  /** Starts a child with {@code args} (see {@link #main}) and waits until it holds its leases. */
  static LeaseHolderProcess startHolding(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LeaseHolderProcess.class.getName());
    command.addAll(List.of(args));
    LeaseHolderProcess child =
        new LeaseHolderProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    try {
      await("child JVM holding its leases")
          .atMost(STARTUP)
          .until(() -> child.lines.contains(HOLDING) || !child.process.isAlive());
    } catch (RuntimeException e) {
      child.close();
      throw e;
    }
    if (!child.lines.contains(HOLDING)) {
      child.close();
      throw new IllegalStateException("child JVM exited early: " + child.lines);
    }
    return child;
  }

  /** The ids the child leased. */
  List<Integer> ids() {
    return lines.stream()
        .filter(line -> line.startsWith("id "))
        .map(line -> Integer.valueOf(line.substring(3)))
        .toList();
  }

  /** The messages of the leases that failed. */
  List<String> exhausted() {
    return lines.stream()
        .filter(line -> line.startsWith("exhausted "))
        .map(line -> line.substring("exhausted ".length()))
        .toList();
  }

  /** Everything the child printed, for assertion messages. */
  List<String> output() {
    return List.copyOf(lines);
  }

  /** Kills the child (no cleanup runs in it) and waits until it is gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("child JVM did not exit: " + lines);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the child JVM", e);
    }
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(stdout read failed: " + e + ")");
    }
  }
}
