package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code http.auth}: the token file is read while loading, its problems are errors at the key's
 * value that never show its content, a file other users may read gets a WARN.
 */
class HttpAuthConfigTest {
  private static final String FILE = "gw.yaml";

  @TempDir Path dir;

  private static ConfigResult parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml, Map.<String, String>of()::get);
  }

  private String yaml(Path tokenFile, String more) {
    return "gateway: {robot_id: r1}\n"
        + "http:\n"
        + "  bind: 127.0.0.1:9464\n"
        + "  auth:\n"
        + "    token_file: "
        + tokenFile
        + "\n"
        + more;
  }

  private Path token(String content, String mode) throws Exception {
    Path file = dir.resolve("token-" + UUID.randomUUID());
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void aTokenFileIsReadWithoutSurroundingWhitespace_andNeverPrinted() throws Exception {
    String secret = UUID.randomUUID().toString();
    Path file = token("  " + secret + "\n", "rw-------");

    GatewayConfig config = parse(yaml(file, "")).orElseThrow();

    HttpAuth auth = config.http().auth().orElseThrow();
    assertThat(auth.tokenFile()).isEqualTo(file);
    assertThat(auth.protectMetrics()).isFalse();
    assertThat(auth.token().matches(secret)).isTrue();
    assertThat(auth.token().matches(secret + "x")).isFalse();
    assertThat(auth.token().matches(null)).isFalse();
    assertThat(config.toString()).doesNotContain(secret).contains(Secret.REDACTED);
  }

  @Test
  void protectMetricsIsRead() throws Exception {
    Path file = token(UUID.randomUUID().toString(), "rw-------");

    GatewayConfig config = parse(yaml(file, "    protect_metrics: true\n")).orElseThrow();

    assertThat(config.http().auth().orElseThrow().protectMetrics()).isTrue();
  }

  @Test
  void withoutAuth_thereIsNoToken() {
    assertThat(parse("gateway: {robot_id: r1}\n").orElseThrow().http().auth()).isEmpty();
  }

  @Test
  void aMissingTokenFile_isAnErrorAtTheValue() {
    Path missing = dir.resolve("nope");

    assertThat(parse(yaml(missing, "")).formattedErrors())
        .containsExactly(
            "gw.yaml:5:17: http.auth.token_file: token file " + missing + ": no such file");
  }

  @Test
  void anEmptyOrBlankTokenFile_isAnError() throws Exception {
    Path blank = token(" \n\n", "rw-------");

    assertThat(parse(yaml(blank, "")).formattedErrors())
        .singleElement()
        .asString()
        .startsWith("gw.yaml:5:17: http.auth.token_file: token file " + blank + ": is empty");
  }

  @Test
  void anUnreadableTokenFile_isAnError() throws Exception {
    Path file = token(UUID.randomUUID().toString(), "---------");
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(file), "running as root: mode 000 is still readable");

    assertThat(parse(yaml(file, "")).formattedErrors())
        .singleElement()
        .asString()
        .startsWith("gw.yaml:5:17: http.auth.token_file: token file " + file + ": permission");
  }

  @Test
  void aDirectory_isAnError() {
    assertThat(parse(yaml(dir, "")).formattedErrors())
        .containsExactly(
            "gw.yaml:5:17: http.auth.token_file: token file " + dir + ": is a directory");
  }

  @Test
  void aDevice_isAnErrorAndIsNotOpened() {
    Path device = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device));

    assertThat(parse(yaml(device, "")).formattedErrors())
        .containsExactly(
            "gw.yaml:5:17: http.auth.token_file: token file /dev/zero: not a regular file");
  }

  @Test
  void aShortOrNonAsciiToken_isAnErrorThatDoesNotShowIt() throws Exception {
    Path shortToken = token("abc123", "rw-------");
    Path spaced = token("abcdefgh ijklmnopqrst", "rw-------");

    List<String> shortErrors = parse(yaml(shortToken, "")).formattedErrors();
    List<String> spacedErrors = parse(yaml(spaced, "")).formattedErrors();

    assertThat(shortErrors)
        .singleElement()
        .asString()
        .contains("6 characters (expected at least 16");
    assertThat(shortErrors.get(0)).doesNotContain("abc123");
    assertThat(spacedErrors).singleElement().asString().contains("other than printable ASCII");
    assertThat(spacedErrors.get(0)).doesNotContain("abcdefgh").doesNotContain("ijklmnop");
  }

  @Test
  void anEmptyAuthSection_needsTheTokenFile() {
    assertThat(parse("gateway: {robot_id: r1}\nhttp:\n  auth: {}\n").formattedErrors())
        .containsExactly("gw.yaml:3:3: http.auth.token_file: required key is missing");
  }

  @Test
  void aTokenFileOthersCanRead_isAWarnNotAnError() throws Exception {
    Path file = token(UUID.randomUUID().toString(), "rw-r--r--");
    Logger logger = (Logger) LoggerFactory.getLogger(TokenFile.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      assertThat(parse(yaml(file, "")).isValid()).isTrue();
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel().toString()).isEqualTo("WARN");
              assertThat(e.getFormattedMessage())
                  .startsWith("gw.yaml:5:17: http.auth.token_file: " + file)
                  .contains("readable by other users");
            });
  }

  @Test
  void anUnknownKeyInAuth_isAnError() throws Exception {
    Path file = token(UUID.randomUUID().toString(), "rw-------");

    assertThat(parse(yaml(file, "    protect_metric: true\n")).formattedErrors())
        .singleElement()
        .asString()
        .startsWith("gw.yaml:6:5: http.auth.protect_metric: unknown key");
  }
}
