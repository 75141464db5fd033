package io.edgegateway.core.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.fields.FieldPath.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  @Test
  void parsesNamesIndexesAndNesting() {
    assertThat(FieldPath.parse("position[3]").segments())
        .containsExactly(new Segment("position", 3));
    assertThat(FieldPath.parse("header.stamp.sec").segments())
        .containsExactly(
            new Segment("header", -1), new Segment("stamp", -1), new Segment("sec", -1));
    assertThat(FieldPath.parse("status[0].values[12].value").segments())
        .containsExactly(
            new Segment("status", 0), new Segment("values", 12), new Segment("value", -1));
  }

  @Test
  void printsAsWritten() {
    for (String p : List.of("a", "position[3]", "header.stamp.sec", "s[0].v[1]._x9")) {
      assertThat(FieldPath.parse(p)).hasToString(p);
    }
  }

  @Test
  void rejectsMalformedPathsNamingTheCharacter() {
    assertThatThrownBy(() -> FieldPath.parse(""))
        .hasMessageStartingWith(
            "field path '': expected a field name at character 1, found the end");
    assertThatThrownBy(() -> FieldPath.parse("a..b"))
        .hasMessageStartingWith("field path 'a..b': expected a field name at character 3");
    assertThatThrownBy(() -> FieldPath.parse("a[]"))
        .hasMessageStartingWith("field path 'a[]': expected an index (digits) at character 3");
    assertThatThrownBy(() -> FieldPath.parse("a[1"))
        .hasMessageStartingWith("field path 'a[1': expected ']' at character 4, found the end");
    assertThatThrownBy(() -> FieldPath.parse("a[1][2]"))
        .hasMessageStartingWith("field path 'a[1][2]': expected '.' or '[' at character 5");
    assertThatThrownBy(() -> FieldPath.parse("3a")).hasMessageContaining("found '3'");
    assertThatThrownBy(() -> FieldPath.parse("a[99999999999]"))
        .hasMessage("field path 'a[99999999999]': index 99999999999 is too large");
    assertThatThrownBy(() -> FieldPath.parse("a.b ")).hasMessageContaining("found ' '");
  }
}
