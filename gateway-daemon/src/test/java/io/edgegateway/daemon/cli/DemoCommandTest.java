package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.mcap.NodeMcapReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    // halfway through it asked for an incident and wrote it as MCAP: the camera at full rate
    // (30 Hz published; its queue rule keeps 1 Hz), read by @mcap/core + Foxglove's CDR decoder
    Matcher written =
        Pattern.compile(
                "demo: incident (\\S+): (\\d+) messages on \\d+ topics written to (\\S+\\.mcap)")
            .matcher(out.toString());
    assertThat(written.find()).as(out.toString()).isTrue();
    assertThat(out.toString()).contains("demo: t=2s incident " + written.group(1) + " requested");
    Path mcap = Path.of(written.group(3));
    try {
      NodeMcapReader reader = NodeMcapReader.install(Path.of("target", "mcap-reader"));
      JsonNode read = new ObjectMapper().readTree(reader.read(mcap));
      assertThat(read.get("statistics").get("messageCount").asLong())
          .isEqualTo(Long.parseLong(written.group(2)));
      assertThat(read.get("countsByTopic").path("/camera/head/compressed").asInt())
          .as("a 3 s window of a 30 Hz camera whose regular stream keeps 1 Hz")
          .isGreaterThanOrEqualTo(15);
      assertThat(read.get("metadata").get(0).get("metadata").get("reason").asText())
          .isEqualTo("demo: mid-run capture");
    } finally {
      Files.deleteIfExists(mcap);
    }
  }
}
