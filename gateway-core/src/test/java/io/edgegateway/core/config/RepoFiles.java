package io.edgegateway.core.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found by walking up from the module directory. */
final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: the nearest directory up from the working directory with {@code mvnw}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isDirectory(dir.resolve("gateway-core"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
