package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class map in docs/architecture.md names every class under any module's {@code src/main}, and
 * nothing else, so a split or a new class cannot leave the map behind.
 */
class ArchitectureDocTest {
  private static final String PREFIX = "io.edgegateway.";
  private static final Pattern ENTRY = Pattern.compile("^- `([\\w.]+)` — \\S");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  @Test
  void classMapListsEveryMainClassOnce() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Set<String> documented = documentedClasses(root.resolve("docs/architecture.md"));
    Set<String> actual = mainClasses(root);
    assertThat(actual).as("main classes found").hasSizeGreaterThan(100);

    Set<String> missing = new TreeSet<>(actual);
    missing.removeAll(documented);
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(actual);
    assertThat(missing)
        .as("classes missing from the class map of docs/architecture.md (add one line each)")
        .isEmpty();
    assertThat(stale).as("class map entries with no class behind them").isEmpty();
  }

  private static Set<String> documentedClasses(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    int start = lines.indexOf("## Class map");
    assertThat(start).as("a '## Class map' section in %s", doc).isNotNegative();
    Set<String> names = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher m = ENTRY.matcher(line);
      if (m.find()) {
        assertThat(names.add(m.group(1))).as("listed twice: %s", m.group(1)).isTrue();
      }
    }
    return names;
  }

  /** Top-level types of every module, as {@code package.Type} without {@value #PREFIX}. */
  private static Set<String> mainClasses(Path root) throws IOException {
    Set<String> names = new TreeSet<>();
    List<Path> mains;
    try (Stream<Path> children = Files.list(root)) {
      mains = children.map(c -> c.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }
    for (Path main : mains) {
      try (Stream<Path> files = Files.walk(main)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String type = file.getFileName().toString().replace(".java", "");
          if (type.equals("package-info")) {
            continue;
          }
          Matcher pkg = PACKAGE.matcher(Files.readString(file));
          assertThat(pkg.find()).as("package declaration in %s", file).isTrue();
          names.add(pkg.group(1).replaceFirst("^" + Pattern.quote(PREFIX), "") + "." + type);
        }
      }
    }
    return names;
  }
}
