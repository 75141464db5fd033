package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Node;

class MappingViewTest {
  private static final Key<Integer> PORT =
      Key.withDefault("port", ValueType.integer(0, 65535), "80", "Port.");
  private static final Key<String> NAME = Key.required("name", ValueType.string(), "Name.");
  private static final Key<String> TAGS = Key.stringMap("tags", "Tags.");
  private static final Section SECTION = Section.of("web", "A test section.", PORT, NAME, TAGS);

  private final ErrorCollector errors = new ErrorCollector("gw.yaml");
  private final BindContext context =
      new BindContext(errors, new ScalarReader(errors, Map.of("N", "api")::get));

  @Test
  void readsValuesWithSubstitutionAndDefaults() {
    MappingView m = view("name: ${N}\ntags: {a: x}\n");
    assertThat(m.get(NAME)).isEqualTo("api");
    assertThat(m.get(PORT)).isEqualTo(80);
    assertThat(MappingView.values(m.stringMap(TAGS))).containsExactly(Map.entry("a", "x"));
    assertThat(m.valuePos(NAME)).isEqualTo(new Position(1, 7));
    assertThat(m.has(PORT)).isFalse();
    assertThat(m.hasErrors()).isFalse();
    assertThat(m.build(() -> "built")).isEqualTo("built");
  }

  @Test
  void reportsUnknownDuplicateAndMissingKeysAtTheirPositions() {
    MappingView m = view("prot: 1\nport: 2\nport: 3\n");
    assertThat(m.get(NAME)).isNull();
    assertThat(m.unknownKeys()).isEqualTo(1);
    assertThat(m.hasErrors()).isTrue();
    assertThat(m.build(() -> "built")).isNull();
    assertThat(errors.inFileOrder().stream().map(ConfigError::format).toList())
        .containsExactly(
            "gw.yaml:1:1: web.prot: unknown key; did you mean 'port'?",
            "gw.yaml:1:1: web.name: required key is missing",
            "gw.yaml:3:1: web.port: duplicate key (first defined at line 2, column 1)");
  }

  @Test
  void aValueOfTheWrongShapeIsNotUsable() {
    MappingView m = context.mapping(root("[1]\n"), SECTION, "web", Position.DOCUMENT_START);
    assertThat(m.usable()).isFalse();
    assertThat(m.present()).isTrue();
    assertThat(errors.inFileOrder())
        .extracting(ConfigError::message)
        .isEqualTo(List.of("expected a mapping, got a list"));
  }

  private MappingView view(String yaml) {
    return context.mapping(root(yaml), SECTION, "web", Position.DOCUMENT_START);
  }

  private Node root(String yaml) {
    return new YamlComposer(errors).compose(yaml).orElseThrow();
  }
}
