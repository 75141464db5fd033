package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.ConfigSnapshot;
import io.edgegateway.daemon.Gateway;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.kafka.SharedKafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code http.auth} on a running gateway (real Kafka, real DDS participant): a rotated token file
 * applies on reload without a restart; a missing or wrong token is 401 with a JSON reason and
 * changes nothing; a token file that breaks keeps the last good token; {@code edge-gateway reload}
 * sends the token. And secrets stay secret: a planted secret (Kafka credentials from {@code
 * ${file:}}, the HTTP token) appears in no log line, HTTP answer, CLI output or {@code toString}.
 */
@ExtendWith(SharedKafkaExtension.class)
class HttpAuthEndToEndTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<String> outputs = new ArrayList<>();

  /** Louder than in production: the gateway at DEBUG, the Kafka clients' config dumps at INFO. */
  private static final String[] LOUDER = {
    "io.edgegateway", "org.apache.kafka.clients", "org.apache.kafka.common.config"
  };

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
    ((Logger) LoggerFactory.getLogger(LOUDER[0])).setLevel(Level.DEBUG);
    ((Logger) LoggerFactory.getLogger(LOUDER[1])).setLevel(Level.INFO);
    ((Logger) LoggerFactory.getLogger(LOUDER[2])).setLevel(Level.INFO);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
    for (String name : LOUDER) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
  }

  private Path tokenFile(String token) throws Exception {
    Path file = dir.resolve("http.token");
    Files.writeString(file, token + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Path config(EmbeddedKafka kafka, int index, String topic, String kafkaProperties)
      throws Exception {
    kafka.createTopic(topic, 1, false);
    kafka.createTopic(topic + ".checkpoints", 1, true);
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(
        file,
        "gateway: {robot_id: hx-auth, data_dir: '"
            + dir.resolve("data")
            + "'}\n"
            + "ros2: {domain_id: "
            + DdsDomains.forTest(getClass(), index)
            + "}\n"
            + "uplink:\n"
            + "  kafka:\n"
            + "    bootstrap_servers: '"
            + kafka.bootstrapServers()
            + "'\n"
            + "    properties:\n"
            + "      client.id: hx-auth\n"
            + kafkaProperties
            + "  streams: {telemetry: {topic: "
            + topic
            + "}}\n"
            + "  checkpoint_topic: "
            + topic
            + ".checkpoints\n"
            + "http:\n"
            + "  bind: 127.0.0.1:"
            + freePort()
            + "\n"
            + "  auth: {token_file: '"
            + dir.resolve("http.token")
            + "'}\n");
    return file;
  }

  private HttpResponse<String> call(Gateway gw, String method, String path, @Nullable String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpPort() + path))
            .timeout(Duration.ofSeconds(70))
            .method(
                method,
                method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("")
                    : HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    outputs.add(res.headers().map() + "\n" + res.body());
    return res;
  }

  private CliRun cli(String... args) {
    CliRun run = CliRun.of(args);
    outputs.add(run.out() + "\n" + run.err());
    return run;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Gateway start(Path file) {
    return Gateway.start(ConfigSnapshot.read(file), Clock.system(), Duration.ofSeconds(5));
  }

  @Test
  void aRotatedTokenAppliesOnReload_wrongOrMissingTokensAre401_aBrokenTokenFileKeepsTheLastGood(
      EmbeddedKafka kafka) throws Exception {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    tokenFile(first);
    Path file = config(kafka, 0, "e2e.auth.rotate", "");
    try (Gateway gw = start(file)) {
      HttpResponse<String> missing = call(gw, "POST", "/v1/reload", null);
      HttpResponse<String> wrong = call(gw, "POST", "/v1/reload", second);
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("missing bearer");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(wrong.body()).get("error").asText()).contains("invalid bearer");
      assertThat(call(gw, "GET", "/v1/status", null).statusCode()).isEqualTo(401);
      assertThat(call(gw, "GET", "/metrics", null).body())
          .contains("gateway_http_auth_failures_total{route=\"/v1/reload\"} 2.0")
          .contains("gateway_http_auth_failures_total{route=\"/v1/status\"} 1.0")
          .contains("gateway_config_generation 1.0");

      // the edge-gateway CLI sends the config's token
      CliRun unchanged = cli("reload", "--config", file.toString());
      assertThat(unchanged.exit()).as(unchanged.err()).isZero();
      assertThat(unchanged.out()).contains("reloaded: generation 1");

      // rotate: only the token file changes; a reload applies it without a restart
      tokenFile(second);
      HttpResponse<String> rotate = call(gw, "POST", "/v1/reload", first);
      assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(200);
      assertThat(JSON.readTree(rotate.body()).get("generation").asLong()).isEqualTo(2);
      assertThat(call(gw, "GET", "/v1/status", first).statusCode()).isEqualTo(401);
      assertThat(call(gw, "GET", "/v1/status", second).statusCode()).isEqualTo(200);

      // a token file that breaks is a refused reload: the last good token stays in effect
      Files.delete(dir.resolve("http.token"));
      HttpResponse<String> broken = call(gw, "POST", "/v1/reload", second);
      assertThat(broken.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(broken.body()).get("error").asText())
          .startsWith(file + ":")
          .contains("http.auth.token_file: token file " + dir.resolve("http.token") + ": no such");
      assertThat(call(gw, "GET", "/v1/status", second).statusCode()).isEqualTo(200);

      // a token the daemon does not know yet: the CLI says so and how to apply it
      tokenFile(UUID.randomUUID().toString());
      CliRun stale = cli("reload", "--config", file.toString());
      assertThat(stale.exit()).isEqualTo(1);
      assertThat(stale.err()).contains("(HTTP 401)").contains("SIGHUP");
    }
    assertSecretsNowhere(first, second);
  }

  @Test
  void aPlantedSecretAppearsInNoLogNoAnswerNoErrorAndNoToString(EmbeddedKafka kafka)
      throws Exception {
    String secret = "S3CRET-" + UUID.randomUUID();
    String token = "T0KEN-" + UUID.randomUUID();
    tokenFile(token);
    Path jaas = dir.resolve("jaas.conf");
    Files.writeString(
        jaas,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
            + " password=\""
            + secret
            + "\";\n");
    Path keyPassword = dir.resolve("key.password");
    Files.writeString(keyPassword, secret + "\n");
    String credentials =
        "      sasl.jaas.config: \"${file:"
            + jaas
            + "}\"\n"
            + "      ssl.key.password: \"${file:"
            + keyPassword
            + "}\"\n"
            + "      ssl.truststore.password: \"${file:"
            + keyPassword
            + "}\"\n";
    Path file = config(kafka, 1, "e2e.auth.secrets", credentials);

    GatewayConfig loaded = ConfigLoader.load(file).orElseThrow();
    outputs.add(loaded.toString());
    outputs.add(loaded.uplink().kafka().toString());
    assertThat(loaded.uplink().kafka().properties().get("ssl.key.password")).isEqualTo(secret);
    try (Gateway gw = start(file)) {
      assertThat(call(gw, "GET", "/v1/status", token).statusCode()).isEqualTo(200);
      assertThat(call(gw, "GET", "/metrics", null).statusCode()).isEqualTo(200);
      assertThat(call(gw, "GET", "/readyz", null).statusCode()).isIn(200, 503);
      assertThat(call(gw, "POST", "/v1/reload", "nope-" + secret).statusCode()).isEqualTo(401);
      assertThat(call(gw, "POST", "/v1/reload", token).statusCode()).isEqualTo(200);
      assertThat(cli("reload", "--config", file.toString()).exit()).isZero();
    }
    // validate on a broken config that holds the secrets: errors, none shows them
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        Files.readString(file)
                .replace("client.id: hx-auth", "client.id: hx-auth\n      transactional.id: x")
            + "buffer: {max_bytes: lots}\n"
            + "metrics: 5\n");
    CliRun validate = cli("validate", "--config", broken.toString());
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.err()).contains("transactional.id").contains("buffer.max_bytes");

    // the wrong token that contained the secret was not echoed either (it is in the outputs)
    assertSecretsNowhere(secret, token);
  }

  private void assertSecretsNowhere(String... secrets) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      lines.add(e.getLoggerName() + " " + e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    assertThat(lines)
        .as("the Kafka producer's config dump (with the credentials [hidden]) is among them")
        .anyMatch(l -> l.contains("ProducerConfig values") && l.contains("sasl.jaas.config"));
    for (String secret : secrets) {
      assertThat(lines).as("log lines").noneMatch(l -> l.contains(secret));
      assertThat(outputs)
          .as("HTTP answers, CLI output, toString")
          .noneMatch(o -> o.contains(secret));
    }
  }
}
