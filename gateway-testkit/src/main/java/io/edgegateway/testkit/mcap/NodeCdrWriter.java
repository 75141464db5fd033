package io.edgegateway.testkit.mcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writes random ROS 2 messages as CDR with the independent TypeScript implementation ({@code
 * write-cdr.mjs}: {@code @foxglove/rosmsg} parses each definition, {@code
 * @foxglove/rosmsg2-serialization} writes the bytes), in one node process for all types. It is
 * installed with, and shares the pinned packages of, {@link NodeMcapReader}; see the script for the
 * input and output formats.
 */
public final class NodeCdrWriter {
  private static final long WRITE_TIMEOUT_S = 300;

  private final Path dir;

  private NodeCdrWriter(Path dir) {
    this.dir = dir;
  }

  /**
   * Installs the writer into {@code dir}, or aborts the calling test with a reason (JUnit
   * assumption) when node is missing or npm cannot install outside CI.
   */
  public static NodeCdrWriter install(Path dir) throws IOException, InterruptedException {
    return new NodeCdrWriter(NodeMcapReader.install(dir).directory());
  }

  /** Runs the script on {@code input} (JSON) and leaves its JSON lines in {@code output}. */
  public void write(Path input, Path output) throws IOException, InterruptedException {
    Path err = output.resolveSibling(output.getFileName() + ".err");
    Process p =
        new ProcessBuilder(
                "node",
                "write-cdr.mjs",
                input.toAbsolutePath().toString(),
                output.toAbsolutePath().toString())
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(WRITE_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("write-cdr.mjs did not finish in " + WRITE_TIMEOUT_S + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "write-cdr.mjs failed (exit "
              + p.exitValue()
              + "): "
              + java.nio.file.Files.readString(err));
    }
  }
}
