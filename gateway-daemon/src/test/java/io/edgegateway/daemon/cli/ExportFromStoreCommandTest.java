package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --config F --incident ID}: the usage errors of the robot's-store source (the export
 * itself is checked end to end in CaptureEndToEndTest, with the TypeScript MCAP readers).
 */
class ExportFromStoreCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String err) {}

  private Run export(String... args) {
    StringWriter err = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), err.toString());
  }

  private Path config() throws Exception {
    Path file = dir.resolve("gw.yaml");
    Files.writeString(file, "gateway: {robot_id: r1, data_dir: '" + dir.resolve("data") + "'}\n");
    return file;
  }

  @Test
  void aRobotWithoutACaptureStore_isAUsageErrorNamingTheFile() throws Exception {
    Path out = dir.resolve("x.mcap");
    Run r =
        export(
            "export",
            "--format",
            "mcap",
            "--out",
            out.toString(),
            "--config",
            config().toString(),
            "--incident",
            "i-1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("export: no capture store at " + dir.resolve("data").resolve("incidents.db"));
    assertThat(out).doesNotExist();
  }

  @Test
  void theStoreNeedsAnIncidentAndTakesNoKafkaOrTimeOptions() throws Exception {
    String cfg = config().toString();
    Run noIncident = export("export", "--format", "mcap", "--out", "x.mcap", "--config", cfg);
    assertThat(noIncident.exit()).isEqualTo(2);
    assertThat(noIncident.err()).contains("--config needs --incident ID");
    Run mixed =
        export(
            "export",
            "--format",
            "mcap",
            "--out",
            "x.mcap",
            "--config",
            cfg,
            "--incident",
            "i",
            "--from",
            "-10m");
    assertThat(mixed.exit()).isEqualTo(2);
    assertThat(mixed.err()).contains("give only --incident");
    Run neither = export("export", "--format", "mcap", "--out", "x.mcap", "--from", "-10m");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("give --bootstrap B --topic T");
  }

  @Test
  void aBrokenConfigIsAUsageErrorWithItsPosition() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "gateway: {robot_id: r1, nope: 1}\n");
    Run r =
        export(
            "export",
            "--format",
            "mcap",
            "--out",
            "x.mcap",
            "--config",
            file.toString(),
            "--incident",
            "i");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":1:");
  }
}
