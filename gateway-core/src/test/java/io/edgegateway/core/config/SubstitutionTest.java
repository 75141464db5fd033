package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubstitutionTest {
  private static final Function<String, String> ENV = Map.of("HOST", "kafka-1", "EMPTY", "")::get;

  @Test
  void leavesTextWithoutDollarAsIs() {
    assertThat(Substitution.apply("plain text", ENV)).isEqualTo("plain text");
  }

  @Test
  void replacesEveryVariableInPlace() {
    assertThat(Substitution.apply("${HOST}:9092,${HOST}:9093", ENV))
        .isEqualTo("kafka-1:9092,kafka-1:9093");
    assertThat(Substitution.apply("a${EMPTY}b", ENV)).isEqualTo("ab");
  }

  @Test
  void doubleDollarIsALiteralReference() {
    assertThat(Substitution.apply("$${HOST} costs $5", ENV)).isEqualTo("${HOST} costs $5");
  }

  @Test
  void readsFilesWithoutOneTrailingNewline(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "s3cret\r\n", StandardCharsets.UTF_8);
    Path twoLines = dir.resolve("two");
    Files.writeString(twoLines, "a\n\n", StandardCharsets.UTF_8);
    assertThat(Substitution.apply("${file:" + secret + "}", ENV)).isEqualTo("s3cret");
    assertThat(Substitution.apply("${file:" + twoLines + "}", ENV)).isEqualTo("a\n");
  }

  @Test
  void namesTheReferenceThatCannotBeResolved() {
    assertThatThrownBy(() -> Substitution.apply("${MISSING}", ENV))
        .hasMessage("environment variable 'MISSING' is not set");
    assertThatThrownBy(() -> Substitution.apply("${1X}", ENV))
        .hasMessage("invalid reference '${1X}' (expected ${NAME} or ${file:/path})");
    assertThatThrownBy(() -> Substitution.apply("${file:}", ENV))
        .hasMessage("invalid reference '${file:}' (expected a path)");
    assertThatThrownBy(() -> Substitution.apply("x ${HOST", ENV))
        .hasMessage(
            "unterminated '${' in 'x ${HOST' (expected '}'; write '$${' for a literal '${')");
  }
}
