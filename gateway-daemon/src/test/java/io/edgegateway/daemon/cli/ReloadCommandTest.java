package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edge-gateway reload --config F} before it reaches a daemon. */
class ReloadCommandTest {
  @TempDir Path dir;

  @Test
  void anInvalidFile_exits2WithOneLinePerErrorAndAsksNoDaemon() throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        "gateway: {robot_id: 'bad id', data_dir: /tmp/x}\nros2: {domain_id: 999}\nhttp: {bind: 127.0.0.1:1}\n");

    CliRun run = CliRun.of("reload", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .hasSize(2)
        .allMatch(l -> l.startsWith(file + ":"))
        .anyMatch(l -> l.startsWith(file + ":1:") && l.contains("gateway.robot_id"))
        .anyMatch(l -> l.startsWith(file + ":2:") && l.contains("ros2.domain_id"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingFile_exits2() {
    CliRun run = CliRun.of("reload", "--config", dir.resolve("nope.yaml").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml:1:1: cannot read config file: no such file");
  }

  @Test
  void noGatewayOnTheBind_exits1AndSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        "gateway: {robot_id: hx-1, data_dir: '"
            + dir
            + "'}\nhttp: {bind: 127.0.0.1:"
            + port
            + "}\n");

    CliRun run = CliRun.of("reload", "--config", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no gateway answers on http://127.0.0.1:" + port + "/v1/reload");
  }
}
