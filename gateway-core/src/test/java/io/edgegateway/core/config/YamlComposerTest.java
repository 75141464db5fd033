package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.MappingNode;

class YamlComposerTest {
  @Test
  void composesANodeTreeWithPositions() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    var root = new YamlComposer(errors).compose("gateway:\n  robot_id: r1\n");
    assertThat(errors.isEmpty()).isTrue();
    assertThat(root).get().isInstanceOf(MappingNode.class);
    MappingNode gateway = (MappingNode) ((MappingNode) root.get()).getValue().get(0).getValueNode();
    assertThat(Position.of(gateway.getValue().get(0).getKeyNode())).isEqualTo(new Position(2, 3));
  }

  @Test
  void emptyTextHasNoRoot() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    assertThat(new YamlComposer(errors).compose("")).isEmpty();
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    String deep = "[".repeat(YamlComposer.MAX_DEPTH + 1) + "]".repeat(YamlComposer.MAX_DEPTH + 1);
    assertThat(new YamlComposer(errors).compose(deep)).isEmpty();
    assertThat(formatted(errors))
        .containsExactly(
            "gw.yaml:1:" + (YamlComposer.MAX_DEPTH + 1) + ": nested deeper than 32 levels");
  }

  @Test
  void syntaxErrorsBecomeOnePositionedLine() {
    ErrorCollector errors = new ErrorCollector("gw.yaml");
    assertThat(new YamlComposer(errors).compose("a: [1, 2\n")).isEmpty();
    assertThat(formatted(errors))
        .singleElement()
        .asString()
        .startsWith("gw.yaml:")
        .contains(": YAML syntax error: ");
  }

  private static List<String> formatted(ErrorCollector errors) {
    return errors.inFileOrder().stream().map(ConfigError::format).toList();
  }
}
