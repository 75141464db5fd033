package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.ros2.DiscoverHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code edge-gateway ...} in a child JVM on this JVM's class path whose {@code PATH} holds only
 * the JDK's {@code bin}: no C compiler can be found, as on a robot with the package installed. The
 * child gets the prebuilt {@code eg-discover} the way the installed launcher passes it, through
 * {@link DiscoverHelper#PROPERTY}.
 */
final class CompilerFreeJvm {
  private static final List<String> COMPILERS = List.of("gcc", "cc", "c99", "clang", "tcc");

  private CompilerFreeJvm() {}

  /** The prebuilt helper of this build (surefire passes it, see gateway-daemon/pom.xml). */
  static Path prebuiltHelper() {
    Path helper = Path.of(System.getProperty(DiscoverHelper.PROPERTY, ""));
    assertThat(Files.isExecutable(helper))
        .as(
            "%s=%s: the helper gateway-ros2-bridge builds (needs cyclonedds-dev at build time)",
            DiscoverHelper.PROPERTY, helper)
        .isTrue();
    return helper.toAbsolutePath();
  }

  /**
   * A process builder for {@code edge-gateway args...}, output into {@code log}; Fast-DDS unpacks
   * its native libraries under {@code home}.
   */
  static ProcessBuilder command(Path home, Path log, String... args) {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin.resolve("java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Duser.home=" + home,
                "-D" + DiscoverHelper.PROPERTY + "=" + prebuiltHelper(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.edgegateway.daemon.cli.EdgeGatewayCli"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove(DiscoverHelper.ENV);
    env.put("PATH", javaBin.toString());
    for (String compiler : COMPILERS) {
      assertThat(javaBin.resolve(compiler)).as("a compiler on the child's PATH").doesNotExist();
    }
    return builder;
  }

  /** The child's output so far, for failure messages. */
  static String output(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
