package io.edgegateway.testkit.mcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads MCAP files with the independent TypeScript readers: {@code read-mcap.mjs} opens a file with
 * {@code @mcap/core}'s indexed reader (summary and chunk index, a seek to a time window) and its
 * streaming reader (every record, CRCs checked), decodes every message with the file's {@code
 * ros2msg} schema through {@code @foxglove/rosmsg} and {@code @foxglove/rosmsg2-serialization}, and
 * prints one JSON object (see the script for its fields).
 *
 * <p>{@link #install(Path)} copies the script with its pinned {@code package.json} and {@code
 * package-lock.json} into a directory and runs {@code npm ci} there once. A test that uses it is
 * skipped when {@code node} is not installed; when {@code npm ci} fails it is skipped too, except
 * under CI ({@code CI=true}), where it fails.
 */
public final class NodeMcapReader {
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "read-mcap.mjs", "write-cdr.mjs");
  private static final long NPM_TIMEOUT_S = 300;
  private static final long READ_TIMEOUT_S = 120;

  private final Path dir;

  private NodeMcapReader(Path dir) {
    this.dir = dir;
  }

  /**
   * Installs the reader into {@code dir} (e.g. {@code target/mcap-reader}), or aborts the calling
   * test with a reason (JUnit assumption) when node is missing or npm cannot install outside CI.
   */
  public static synchronized NodeMcapReader install(Path dir)
      throws IOException, InterruptedException {
    Result node =
        run(dir.getParent() == null ? Path.of(".") : dir.getParent(), 30, "node", "--version");
    Assumptions.assumeTrue(
        node.exit == 0,
        "node is not installed (Node.js 20 runs the independent MCAP reader): " + node.output);
    Files.createDirectories(dir);
    for (String f : FILES) {
      try (InputStream in = NodeMcapReader.class.getResourceAsStream(f)) {
        if (in == null) {
          throw new IOException("resource " + f + " is missing from gateway-testkit");
        }
        Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // installed = npm ci finished for exactly this lock file (a changed pin or a broken run
    // reinstalls)
    Path marker = dir.resolve("node_modules/.edge-gateway-installed");
    String lock = Files.readString(dir.resolve("package-lock.json"), StandardCharsets.UTF_8);
    String stamp = Integer.toHexString(lock.hashCode());
    if (!Files.isRegularFile(marker)
        || !Files.readString(marker, StandardCharsets.UTF_8).equals(stamp)) {
      Result npm =
          run(dir, NPM_TIMEOUT_S, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      if (npm.exit != 0) {
        String message = "npm ci of the MCAP reader failed (exit " + npm.exit + "): " + npm.output;
        if ("true".equals(System.getenv("CI"))) {
          throw new IOException(message);
        }
        Assumptions.abort(message);
      }
      Files.writeString(marker, stamp, StandardCharsets.UTF_8);
    }
    return new NodeMcapReader(dir);
  }

  /** The directory the reader (and {@link NodeCdrWriter}'s script) is installed in. */
  public Path directory() {
    return dir;
  }

  /** Reads {@code mcap} and returns the reader's JSON; throws with its stderr if it failed. */
  public String read(Path mcap) throws IOException, InterruptedException {
    Result r = run(dir, READ_TIMEOUT_S, "node", "read-mcap.mjs", mcap.toAbsolutePath().toString());
    if (r.exit != 0) {
      throw new IOException(
          "read-mcap.mjs failed on " + mcap + " (exit " + r.exit + "): " + r.output);
    }
    return r.output;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, long timeoutS, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("mcap-reader", ".out");
    Path err = Files.createTempFile("mcap-reader", ".err");
    try {
      Process p;
      try {
        p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
      } catch (IOException e) {
        return new Result(-1, String.valueOf(e.getMessage()));
      }
      if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-2, String.join(" ", command) + " did not finish in " + timeoutS + " s");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), p.exitValue() == 0 ? stdout : stderr + stdout);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
