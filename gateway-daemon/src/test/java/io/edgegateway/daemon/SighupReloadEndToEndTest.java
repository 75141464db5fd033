package io.edgegateway.daemon;

import static io.edgegateway.daemon.ReloadFixture.metric;
import static io.edgegateway.daemon.ReloadFixture.rule;
import static io.edgegateway.daemon.ReloadFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegateway.daemon.cli.EdgeGatewayCli;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-gateway run} in a child JVM, reloaded the way an operator does: real SIGHUPs ({@code
 * kill -HUP}, what {@code systemctl reload} sends), 20 in a row, and {@code edge-gateway reload
 * --config F}. A burst is one reload; a broken file is refused locally by the CLI (exit 2) and by
 * the daemon on SIGHUP, which keeps running on the last good config and logs the errors.
 */
@ExtendWith(SharedKafkaExtension.class)
class SighupReloadEndToEndTest {
  private static final Duration LONG = Duration.ofSeconds(90);

  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void kill(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private record Cli(int exit, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = EdgeGatewayCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  @Test
  void aBurstOfSighupsIsOneReload_andABrokenFileKeepsTheLastGoodConfig(EmbeddedKafka kafka)
      throws Exception {
    String kafkaTopic = "e2e.reload.sighup";
    GatewayFixture.createTopics(kafka, kafkaTopic);
    int domain = DdsDomains.forTest(getClass(), 0);
    int port = freePort();
    Path file = dir.resolve("gateway.yaml");
    String chatter = rule(GatewayFixture.STRING_TOPIC, RosSamples.STRING_TYPE, "");
    String imu = rule(GatewayFixture.IMU_TOPIC, RosSamples.IMU_TYPE, "");
    String bind = "127.0.0.1:" + port;
    Path data = dir.resolve("data");
    String boot = kafka.bootstrapServers();
    Files.writeString(
        file, ReloadFixture.yaml("hx-hup", data, domain, boot, kafkaTopic, chatter, "", bind));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process daemon =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-Duser.home=" + dir.resolve("home"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.edgegateway.daemon.cli.EdgeGatewayCli",
                "run",
                "--verbose",
                "--config",
                file.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> read(daemon, output), "daemon-output");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(LONG).ignoreExceptions().until(() -> status(port).has("config"));
      assertThat(status(port).get("config").get("generation").asLong()).isEqualTo(1);

      // a good change, then 20 SIGHUPs in a row: one reload applies it, the rest coalesce
      Files.writeString(
          file,
          ReloadFixture.yaml("hx-hup", data, domain, boot, kafkaTopic, chatter + imu, "", bind));
      for (int i = 0; i < 20; i++) {
        kill("HUP", daemon.pid());
      }
      await().atMost(LONG).until(() -> status(port).get("config").get("generation").asLong() == 2);
      await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // a coalesced follow-up ends
      JsonNode s = status(port);
      assertThat(s.get("config").get("generation").asLong()).isEqualTo(2);
      assertThat(s.get("bus").get("subscriptions").toString()).contains(GatewayFixture.IMU_TOPIC);
      String scrape = Http.get(port, "/metrics").body();
      assertThat(metric(scrape, "gateway_config_reloads_total")).isEqualTo(1.0);
      assertThat(metric(scrape, "gateway_config_generation")).isEqualTo(2.0);

      // edge-gateway reload: validates, then asks the daemon; unchanged file, same generation
      Cli ok = cli("reload", "--config", file.toString());
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("reloaded: generation 2");

      // a broken file: the CLI refuses it locally; SIGHUPs make the daemon refuse it too
      Files.writeString(file, Files.readString(file).replace("domain_id:", "domain_idd:"));
      Cli bad = cli("reload", "--config", file.toString());
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.err()).contains(file + ":5:3: ros2.domain_idd: unknown key");
      for (int i = 0; i < 20; i++) {
        kill("HUP", daemon.pid());
      }
      await()
          .atMost(LONG)
          .until(() -> !status(port).get("config").get("last_reload").get("ok").asBoolean());
      await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
      JsonNode after = status(port).get("config");
      assertThat(after.get("generation").asLong()).isEqualTo(2);
      assertThat(after.get("last_reload").get("error").asText()).contains(file + ":5:3:");
      double failures =
          metric(Http.get(port, "/metrics").body(), "gateway_config_reload_failures_total");
      // 20 signals settle into one reload (more only if a kill took over 300 ms on a loaded box)
      assertThat(failures).isBetween(1.0, 3.0);
      assertThat(daemon.isAlive()).isTrue();
      synchronized (output) {
        assertThat(String.join("\n", output))
            .contains("config reload (SIGHUP")
            .contains(file + ":5:3: ros2.domain_idd: unknown key");
      }
    } catch (AssertionError | RuntimeException e) {
      // what the daemon logged tells a stuck reload from a lost signal
      synchronized (output) {
        List<String> tail = output.subList(Math.max(0, output.size() - 80), output.size());
        throw new AssertionError(
            e.getMessage() + "\ndaemon output (last lines):\n" + String.join("\n", tail), e);
      }
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  private static void read(Process p, List<String> output) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          if (output.size() < 2000) {
            output.add(line);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }
}
