package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

class ConfigMessagesTest {
  private static final List<String> KEYS = List.of("domain_id", "peers", "topics");

  @Test
  void unknownKeySuggestsTheClosestKey() {
    assertThat(ConfigMessages.unknownKey("domian_id", KEYS))
        .isEqualTo("unknown key; did you mean 'domain_id'?");
  }

  @Test
  void unknownKeyWithoutSuggestionListsEveryKey() {
    assertThat(ConfigMessages.unknownKey("colour", KEYS))
        .isEqualTo("unknown key (expected one of: domain_id, peers, topics)");
  }

  @Test
  void expectationHasItsArticleAndListsEnumValues() {
    assertThat(ConfigMessages.expectation(ValueType.integer(0, 9))).isEqualTo("an integer");
    assertThat(ConfigMessages.expectation(ValueType.string())).isEqualTo("a string");
    assertThat(ConfigMessages.expectation(ValueType.enumOf(Durability.class)))
        .isEqualTo("one of: process, power");
  }

  @Test
  void describesNodesByShapeAndCutsLongScalars() {
    Node list = new SequenceNode(Tag.SEQ, List.of(), FlowStyle.FLOW);
    Node map = new MappingNode(Tag.MAP, List.of(), FlowStyle.FLOW);
    String longValue = "x".repeat(ConfigMessages.MAX_SHOWN_VALUE + 1);
    assertThat(ConfigMessages.expected(ValueType.string(), list))
        .isEqualTo("expected a string, got a list");
    assertThat(ConfigMessages.expected("a list", map)).isEqualTo("expected a list, got a mapping");
    assertThat(ConfigMessages.describe(scalar("abc"))).isEqualTo("'abc'");
    assertThat(ConfigMessages.describe(scalar(longValue)))
        .isEqualTo("'" + "x".repeat(ConfigMessages.MAX_SHOWN_VALUE) + "...'");
  }

  @Test
  void duplicateKeyPointsAtTheFirstDefinition() {
    assertThat(ConfigMessages.duplicateKey(new Position(3, 5)))
        .isEqualTo("duplicate key (first defined at line 3, column 5)");
  }

  private static ScalarNode scalar(String value) {
    return new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN);
  }
}
