package io.edgegateway.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory of an {@link EmbeddedKafka}: its {@code server.properties} and, under
 * {@code data}, the data and metadata logs of a KRaft cluster with a random id, formatted by {@link
 * StorageTool} before the first start.
 */
final class KraftLogDir {
  // Logs under the facade's name, as before the split.
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path rootDir;
  private final Path dataDir;
  private final String clusterId = newClusterId();
  private boolean formatted;

  private KraftLogDir(Path rootDir) {
    this.rootDir = rootDir;
    this.dataDir = rootDir.resolve("data");
  }

  /** A fresh, empty temporary directory. */
  static KraftLogDir createTemp() {
    try {
      return new KraftLogDir(Files.createTempDirectory("embedded-kafka-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
    }
  }

  /** The temporary directory itself. */
  Path root() {
    return rootDir;
  }

  /** The broker's {@code log.dirs} and {@code metadata.log.dir}. */
  Path data() {
    return dataDir;
  }

  /**
   * Writes {@code props} to {@code server.properties} and formats the data directory with them,
   * unless an earlier call did.
   *
   * @throws IllegalStateException if {@code StorageTool} fails
   */
  void formatOnce(Properties props) {
    if (formatted) {
      return;
    }
    format(props);
    formatted = true;
  }

  private void format(Properties props) {
    Path configFile = rootDir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      props.store(w, "embedded Kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", configFile.toString()},
              new PrintStream(out, true, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot format Kafka log directory " + dataDir + ": " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "cannot format Kafka log directory "
              + dataDir
              + " (exit code "
              + rc
              + "): "
              + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** Deletes the directory and everything in it; logs instead of failing. */
  void delete() {
    if (!Files.exists(rootDir)) {
      return;
    }
    try {
      Files.walkFileTree(
          rootDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Cannot delete Kafka log directory {}: {}", rootDir, e.toString());
    }
  }

  /** A random cluster id; {@code StorageTool} reads one starting with {@code -} as an option. */
  private static String newClusterId() {
    String id = Uuid.randomUuid().toString();
    while (id.startsWith("-")) {
      id = Uuid.randomUuid().toString();
    }
    return id;
  }
}
