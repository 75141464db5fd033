package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.testkit.dds.DdsDomains;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, smoke-run: embedded broker + simulated humanoid-1 + the daemon for a
 * few seconds, ending with every sealed sample found again in Kafka.
 */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoRunsAndFindsEverySealedSampleInKafka() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    int domain = DdsDomains.forTest(getClass(), 0);
    String yaml =
        Files.readString(root.resolve("config/demo.yaml"))
            .replace("domain_id: 42", "domain_id: " + domain);
    assertThat(yaml).contains("domain_id: " + domain);
    Path config = dir.resolve("demo.yaml");
    Files.writeString(config, yaml);

    StringWriter out = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    int exit = cl.execute("demo", "--duration", "4s", "--config", config.toString());

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("t=  1s in=")
        .containsPattern("t=  4s in= *\\d+/s")
        .containsPattern("missing 0\\n");
    assertThat(out.toString()).doesNotContain("NaN");
  }
}
