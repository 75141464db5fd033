package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.testkit.dds.DdsDomains;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} as a person runs it, in a terminal of its own (a child JVM, stdout and stderr into
 * one file): by default only its own status lines and WARN+ log lines; Ctrl-C (SIGINT) ends it
 * early, still with the final count, and exit 0.
 */
class DemoConsoleTest {
  @TempDir Path dir;

  @Test
  void demoConsoleShowsStatusLinesAndNoInfoLines_andCtrlCEndsItWithExitZero() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    int domain = DdsDomains.forTest(getClass(), 0);
    Path config = dir.resolve("demo.yaml");
    Files.writeString(
        config,
        Files.readString(root.resolve("config/demo.yaml"))
            .replace("domain_id: 42", "domain_id: " + domain));
    Path console = dir.resolve("console.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Duser.home=" + dir,
                    "-cp",
                    System.getProperty("java.class.path"),
                    EdgeGatewayCli.class.getName(),
                    "demo",
                    "--duration",
                    "120s",
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(console.toFile());
    pb.environment().remove("EG_LOG_LEVEL");
    Process demo = pb.start();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> Files.readString(console).contains("t=  3s in=") || !demo.isAlive());
      new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
      assertThat(demo.waitFor(60, TimeUnit.SECONDS))
          .as("demo ends within 60 s of Ctrl-C:\n%s", Files.readString(console))
          .isTrue();
    } finally {
      demo.destroyForcibly();
    }
    String out = Files.readString(console);
    assertThat(demo.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("demo: starting an embedded Kafka broker")
        .containsPattern("t=  3s in= *\\d+/s")
        .contains("demo: stopping")
        .containsPattern("missing 0\\n")
        .doesNotContain(" INFO  [");
    System.out.println("demo console:\n" + out);
  }
}
