package io.edgegateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real Debian and systemd tools the package tests check the package with. */
final class Commands {
  private static final long TIMEOUT_SECONDS = 120;

  private Commands() {}

  /** The outcome of one command: its exit code and its merged output. */
  record Result(int exit, String output) {}

  /** Runs {@code command} in {@code dir} and returns its exit code and output. */
  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Runs {@code command} and returns its output; fails if it exits non-zero. */
  static String check(Path dir, List<String> command) throws IOException, InterruptedException {
    Result r = run(dir, command);
    if (r.exit() != 0) {
      throw new IOException(command + " exited " + r.exit() + ": " + r.output());
    }
    return r.output();
  }
}
