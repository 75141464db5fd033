package io.edgegateway.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {
  @TempDir Path dir;

  @Test
  void thisProcessResidentSetMatchesWhatPsReports() throws Exception {
    long bytes = ResidentMemory.ofThisProcess().orElseThrow().bytes();
    Process ps =
        new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(ProcessHandle.current().pid()))
            .redirectErrorStream(true)
            .start();
    long psKib = Long.parseLong(new String(ps.getInputStream().readAllBytes()).trim());
    assertThat(ps.waitFor()).isZero();
    // Both read the same kernel counter moments apart; the JVM may touch some pages in between.
    assertThat(bytes / 1024.0)
        .isCloseTo(psKib, org.assertj.core.data.Percentage.withPercentage(10));
    assertThat(bytes).isGreaterThan(16L << 20);
  }

  @Test
  void readsVmRssInKilobytes() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n");
    assertThat(new ResidentMemory(status).bytes()).isEqualTo(123456L * 1024);
  }

  @Test
  void aMalformedOrMissingLineIsAClearError() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "VmRSS:\t12 MB\n");
    assertThatThrownBy(() -> new ResidentMemory(status).bytes())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unexpected VmRSS line");
    Files.writeString(status, "Name:\tjava\n");
    assertThatThrownBy(() -> new ResidentMemory(status).bytes())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no VmRSS line");
  }
}
