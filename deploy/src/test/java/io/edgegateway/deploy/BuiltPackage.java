package io.edgegateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The .deb this module's {@code package} phase wrote, extracted with {@code dpkg-deb}: its data
 * tree under {@link #root()} and its control members under {@link #control()}.
 */
record BuiltPackage(Path deb, Path root, Path control) {
  /** Finds the one {@code edge-gateway_*.deb} in {@code deploy.target} and extracts it. */
  static BuiltPackage extract(Path workDir) throws IOException, InterruptedException {
    Path target = Path.of(System.getProperty("deploy.target", "target"));
    List<Path> debs;
    try (Stream<Path> files = Files.list(target)) {
      debs =
          files.filter(p -> p.getFileName().toString().matches("edge-gateway_.*\\.deb")).toList();
    }
    if (debs.size() != 1) {
      throw new IllegalStateException("expected one edge-gateway_*.deb in " + target + ": " + debs);
    }
    Path deb = debs.get(0).toAbsolutePath();
    Path root = Files.createDirectories(workDir.resolve("root"));
    Path control = Files.createDirectories(workDir.resolve("control"));
    Commands.check(workDir, List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
    Commands.check(workDir, List.of("dpkg-deb", "-e", deb.toString(), control.toString()));
    return new BuiltPackage(deb, root, control);
  }

  /** A control field, e.g. {@code Depends}, as {@code dpkg-deb -f} prints it. */
  String field(String name) throws IOException, InterruptedException {
    return Commands.check(deb.getParent(), List.of("dpkg-deb", "-f", deb.toString(), name)).strip();
  }

  /** A file of the installed tree, e.g. {@code /etc/edge-gateway/gateway.yaml}. */
  Path file(String absolutePath) {
    return root.resolve(absolutePath.substring(1));
  }

  /** A control member, e.g. {@code conffiles} or {@code postinst}. */
  String controlMember(String name) {
    try {
      return Files.readString(control.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
