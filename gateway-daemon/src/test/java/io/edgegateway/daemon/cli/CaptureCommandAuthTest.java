package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture} sends the bearer token of the config's {@code http.auth}, as {@code reload} does.
 */
class CaptureCommandAuthTest {
  @TempDir Path dir;

  @Test
  void sendsTheTokenOfTheConfigsTokenFile() throws Exception {
    String token = UUID.randomUUID().toString();
    Path tokenFile = dir.resolve("http.token");
    Files.writeString(tokenFile, token + "\n");
    List<String> authorization = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/captures",
        ex -> {
          authorization.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          byte[] body = "{\"id\":\"i-1\",\"state\":\"recording\"}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(202, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      Path config = dir.resolve("gw.yaml");
      Files.writeString(
          config,
          "gateway: {robot_id: r1, data_dir: '"
              + dir.resolve("data")
              + "'}\nhttp:\n  bind: 127.0.0.1:"
              + server.getAddress().getPort()
              + "\n  auth: {token_file: '"
              + tokenFile
              + "'}\ncapture:\n  ring: {max_bytes: 1MiB, max_age: 60s}\n");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cl = EdgeGatewayCli.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int exit =
          cl.execute(
              "capture",
              "--config",
              config.toString(),
              "--reason",
              "r",
              "--pre",
              "5s",
              "--post",
              "1s");
      assertThat(exit).as("%s %s", out, err).isZero();
      assertThat(authorization).containsExactly("Bearer " + token);
      assertThat(out + err.toString()).doesNotContain(token);
    } finally {
      server.stop(0);
    }
  }
}
