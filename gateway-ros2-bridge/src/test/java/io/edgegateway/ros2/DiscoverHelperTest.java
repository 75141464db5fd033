package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the prebuilt {@code eg-discover} comes from: the system property, then the environment
 * variable; anything else is a clear reason, never a compiler run.
 */
class DiscoverHelperTest {
  @TempDir Path dir;

  @Test
  void theBuildCompiledAnExecutableHelperAndTheTestsAreGivenIt() throws IOException {
    Path helper = DiscoverHelper.locate();
    assertThat(helper).isEqualTo(Path.of("target", "native", "eg-discover").toAbsolutePath());
    assertThat(Files.isExecutable(helper)).isTrue();
  }

  @Test
  void systemPropertyWinsOverTheEnvironmentVariable() throws IOException {
    Path fromProperty = executable("from-property");
    Path fromEnv = executable("from-env");
    assertThat(DiscoverHelper.locate(fromProperty.toString(), fromEnv.toString()))
        .isEqualTo(fromProperty);
    assertThat(DiscoverHelper.locate("  ", fromEnv.toString())).isEqualTo(fromEnv);
  }

  @Test
  void nothingConfiguredSaysWhatToSet() {
    assertThatThrownBy(() -> DiscoverHelper.locate("", ""))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("no eg-discover helper configured")
        .hasMessageContaining("-Dedge-gateway.discover.helper=PATH")
        .hasMessageContaining("EG_DISCOVER_HELPER=PATH");
  }

  @Test
  void missingHelperNamesThePathAndWhereItCameFrom() {
    Path missing = dir.resolve("no-such-helper");
    assertThatThrownBy(() -> DiscoverHelper.locate("", missing.toString()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "eg-discover helper "
                + missing
                + " (from environment variable EG_DISCOVER_HELPER) does not exist");
  }

  @Test
  void nonExecutableFileOrDirectoryIsRefused() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain"), "not a program");
    Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> DiscoverHelper.locate(plain.toString(), ""))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "eg-discover helper "
                + plain
                + " (from system property edge-gateway.discover.helper) is not an executable"
                + " file");
    assertThatThrownBy(() -> DiscoverHelper.locate(dir.toString(), ""))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("is not an executable file");
  }

  private Path executable(String name) throws IOException {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
