package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated reference in {@code docs/configuration.md} equal to {@link
 * ConfigReference#markdown()}. Regenerate with {@code ./mvnw -q -o -pl gateway-core -am verify
 * -Dtest=ConfigReferenceDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dconfig.docs.update=true}.
 */
class ConfigReferenceDocTest {
  private static final String REGENERATE =
      "docs/configuration.md is out of date with ConfigSchema; regenerate it with: ./mvnw -q -o"
          + " -pl gateway-core -am verify -Dtest=ConfigReferenceDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dconfig.docs.update=true";

  @Test
  void generatedReferenceInDocsIsUpToDate() throws IOException {
    Path doc = RepoFiles.root().resolve("docs/configuration.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("config.docs.update")) {
      text = ConfigReference.updateDocument(text);
      Files.writeString(doc, text, StandardCharsets.UTF_8);
    }

    assertThat(ConfigReference.generatedPart(text))
        .as(REGENERATE)
        .isEqualTo(ConfigReference.markdown());
  }

  @Test
  void referenceListsEverySectionAndKey() {
    String markdown = ConfigReference.markdown();

    for (String heading :
        new String[] {
          "### Top level",
          "### `gateway`",
          "### `gateway.lineage`",
          "### `ros2.topics[]`",
          "### `ros2.topics[].sample.on_change`",
          "### `buffer.batch`",
          "### `uplink.streams.<name>`",
          "### `http`"
        }) {
      assertThat(markdown).contains("\n" + heading + "\n");
    }
    assertThat(markdown)
        .contains("| `robot_id` | string, `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` | required |")
        .contains("| `linger_ms` | integer, 1..60000 | `200` |")
        .contains("| `max_sample_bytes` | size, 64B..64MiB | `256KiB` |")
        .contains(
            "| `reliability` | `best_effort` \\| `reliable` | by class: control: `reliable`;"
                + " telemetry, perception, diagnostics: `best_effort` |");
  }

  @Test
  void updateReplacesOnlyTheGeneratedPart() {
    String doc =
        "intro\n"
            + ConfigReference.BEGIN_MARKER
            + "\nold\n"
            + ConfigReference.END_MARKER
            + "\nend\n";

    String updated = ConfigReference.updateDocument(doc);

    assertThat(updated)
        .startsWith("intro\n" + ConfigReference.BEGIN_MARKER + "\n")
        .endsWith(ConfigReference.END_MARKER + "\nend\n");
    assertThat(ConfigReference.generatedPart(updated)).isEqualTo(ConfigReference.markdown());
  }
}
