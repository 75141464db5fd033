package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source file under any module's {@code src/main} grows past {@value #MAX_LINES} lines: a class
 * that large holds more than one concern (docs/architecture.md lists what each class owns). Runs
 * beside {@link LayeringTest}, over every module of the checkout, bench and testkit included.
 */
class SourceFileSizeTest {
  static final int MAX_LINES = 400;

  /** Endings of the files we write as code; data such as bundled ROS {@code .msg} files is not. */
  private static final Set<String> SOURCE_ENDINGS = Set.of(".java", ".c", ".h", ".idl", ".proto");

  @Test
  void noMainSourceFileIsLongerThan400Lines() throws IOException {
    Path root = repositoryRoot();
    List<Path> sources = mainSources(root);
    assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);

    List<String> oversized =
        sources.stream()
            .map(p -> new Sized(root.relativize(p), lineCount(p)))
            .filter(s -> s.lines() > MAX_LINES)
            .sorted((a, b) -> Integer.compare(b.lines(), a.lines()))
            .map(s -> s.path() + " has " + s.lines() + " lines")
            .toList();
    assertThat(oversized)
        .as("src/main files over %d lines (split them along their concerns)", MAX_LINES)
        .isEmpty();
  }

  private record Sized(Path path, int lines) {}

  /** The parent project's directory: this module's parent, which holds the aggregator POM. */
  private static Path repositoryRoot() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path pom = root.resolve("pom.xml");
    assertThat(pom).exists();
    assertThat(Files.readString(pom)).contains("<artifactId>edge-gateway-parent</artifactId>");
    return root;
  }

  /** Every code file under {@code <module>/src/main} for each module folder of the checkout. */
  private static List<Path> mainSources(Path root) throws IOException {
    List<Path> mains;
    try (Stream<Path> children = Files.list(root)) {
      mains = children.map(c -> c.resolve("src/main")).filter(Files::isDirectory).toList();
    }
    List<Path> sources = new ArrayList<>();
    for (Path main : mains) {
      try (Stream<Path> files = Files.walk(main)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> SOURCE_ENDINGS.stream().anyMatch(p.getFileName().toString()::endsWith))
            .forEach(sources::add);
      }
    }
    return sources;
  }

  private static int lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return (int) lines.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
