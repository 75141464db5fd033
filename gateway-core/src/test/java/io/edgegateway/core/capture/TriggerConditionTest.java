package io.edgegateway.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.edgegateway.core.capture.TriggerCondition.Op;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The trigger expression language: parse, print, compare. */
class TriggerConditionTest {

  @Test
  void parsesTheDocumentedExamples() {
    assertThat(TriggerCondition.parse("wrench.force.x >= 1500"))
        .isEqualTo(new TriggerCondition("wrench.force.x", Op.GE, 1500.0));
    TriggerCondition any = TriggerCondition.parse("status[*].level >= 2");
    assertThat(any.anyElement()).isTrue();
    assertThat(any.concretePath(3).toString()).isEqualTo("status[3].level");
    assertThat(TriggerCondition.parse("data matches \"^FAULT\""))
        .isEqualTo(new TriggerCondition("data", Op.MATCHES, "^FAULT"));
    assertThat(TriggerCondition.parse("  present==true ").literal()).isEqualTo(Boolean.TRUE);
    assertThat(TriggerCondition.parse("position[2] < -0.5e1").literal()).isEqualTo(-5.0);
    assertThat(TriggerCondition.parse("name != \"a \\\"b\\\" \\\\\"").literal())
        .isEqualTo("a \"b\" \\");
  }

  @Test
  void comparesValuesOfEveryKind() {
    assertThat(TriggerCondition.parse("x >= 1500").test(1500)).isTrue();
    assertThat(TriggerCondition.parse("x >= 1500").test(1499.9f)).isFalse();
    assertThat(TriggerCondition.parse("x > 1").test(Double.NaN)).isFalse();
    assertThat(TriggerCondition.parse("x < 1").test("0")).isFalse();
    assertThat(TriggerCondition.parse("x == 1").test(true)).isTrue();
    assertThat(TriggerCondition.parse("x != 1").test((byte) 2)).isTrue();
    assertThat(TriggerCondition.parse("x == true").test(true)).isTrue();
    assertThat(TriggerCondition.parse("x == \"ok\"").test("ok")).isTrue();
    assertThat(TriggerCondition.parse("data matches \"^FAULT\"").test("FAULT: motor")).isTrue();
    assertThat(TriggerCondition.parse("data matches \"^FAULT\"").test("no FAULT")).isFalse();
    assertThat(TriggerCondition.parse("data matches \"FAULT\"").test(3)).isFalse();
  }

  @Test
  void refusesBadExpressionsSayingWhereAndWhat() {
    assertSyntax("", 0, "expected a field path");
    assertSyntax("wrench.force.x", 14, "expected an operator");
    assertSyntax("wrench.force.x >=", 17, "expected a value");
    assertSyntax("x >= 1500 and y < 2", 10, "expected the end of the expression");
    assertSyntax("x >= abc", 5, "got 'abc'");
    assertSyntax("x => 1", 2, "expected an operator");
    assertSyntax("data matches \"^FAULT", 13, "unterminated string");
    assertSyntax("data matches 3", 13, "matches needs a string literal");
    assertSyntax("data matches \"[\"", 13, "bad regular expression");
    assertSyntax("x > true", 2, "> needs a number");
    assertSyntax("a[*].b[*].c > 1", 0, "at most one [*]");
    assertSyntax("a..b > 1", 0, "expected a field name");
    assertSyntax("x > 1e999", 4, "out of range");
  }

  private static void assertSyntax(String text, int offset, String message) {
    Throwable thrown = catchThrowable(() -> TriggerCondition.parse(text));
    assertThat(thrown)
        .as(text)
        .isInstanceOf(TriggerSyntaxException.class)
        .hasMessageContaining(message);
    assertThat(((TriggerSyntaxException) thrown).offset())
        .as("offset in %s", text)
        .isEqualTo(offset);
  }

  @Test
  void constructorRefusesAnOrderingOfText() {
    assertThatThrownBy(() -> new TriggerCondition("x", Op.LT, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("< needs a number");
  }

  @Property(tries = 500)
  void printThenParseGivesTheSameCondition(@ForAll("conditions") TriggerCondition condition) {
    assertThat(TriggerCondition.parse(condition.toString())).isEqualTo(condition);
  }

  @Property(tries = 2000)
  void garbageIsASyntaxErrorNeverAnotherException(@ForAll("garbage") String text) {
    try {
      TriggerCondition parsed = TriggerCondition.parse(text);
      assertThat(TriggerCondition.parse(parsed.toString())).isEqualTo(parsed);
    } catch (TriggerSyntaxException e) {
      assertThat(e.offset()).isBetween(0, text.length());
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> any = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<String> near =
        Arbitraries.strings()
            .withChars("ab_.[]*0123456789 <>=!\"\\-+eE.matchestruefalse")
            .ofMaxLength(30);
    return Arbitraries.oneOf(any, near);
  }

  @Provide
  Arbitrary<TriggerCondition> conditions() {
    Arbitrary<String> name =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> segment =
        Combinators.combine(name, Arbitraries.of("", "[0]", "[7]", "[*]")).as(String::concat);
    Arbitrary<String> path =
        segment
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(l -> String.join(".", l))
            .filter(p -> p.indexOf("[*]") == p.lastIndexOf("[*]"));
    Arbitrary<Object> number =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
            Arbitraries.integers().between(-100000, 100000).map(i -> (Object) (double) i));
    Arbitrary<Object> text =
        Arbitraries.strings().withChars("abcXYZ \"\\^$.*0123").ofMaxLength(10).map(s -> (Object) s);
    Arbitrary<Object> bool = Arbitraries.of(true, false).map(b -> (Object) b);
    return Combinators.combine(path, Arbitraries.of(Op.values()), number, text, bool)
        .as(
            (p, op, n, t, b) -> {
              if (op == Op.MATCHES) {
                return new TriggerCondition(
                    p, op, "^" + ((String) t).replaceAll("[\\\\\"^$.*]", ""));
              }
              if (op.ordering()) {
                return new TriggerCondition(p, op, n);
              }
              return new TriggerCondition(p, op, ((String) t).length() % 3 == 0 ? b : t);
            });
  }
}
