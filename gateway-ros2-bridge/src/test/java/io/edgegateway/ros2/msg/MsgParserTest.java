package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MsgParserTest {

  private static MessageDefinition parse(String text) {
    return MsgParser.parse("my_pkg/msg/Thing", text);
  }

  private static FieldType type(MessageDefinition def, String field) {
    return def.fields().stream()
        .filter(f -> f.name().equals(field))
        .findFirst()
        .orElseThrow()
        .type();
  }

  @Test
  void parsesEveryPrimitiveInFieldOrder() {
    MessageDefinition def =
        parse(
            String.join(
                "\n",
                "bool a",
                "byte b",
                "char c",
                "int8 d",
                "uint8 e",
                "int16 f",
                "uint16 g",
                "int32 h",
                "uint32 i",
                "int64 j",
                "uint64 k",
                "float32 l",
                "float64 m",
                "string n",
                "wstring o"));
    assertThat(def.fields())
        .extracting(MessageField::name)
        .containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o");
    assertThat(def.fields())
        .extracting(f -> f.type().primitive())
        .containsExactly(Primitive.values());
    assertThat(def.fields()).allSatisfy(f -> assertThat(f.type().isArray()).isFalse());
  }

  @Test
  void parsesArraysAndBoundedStrings() {
    MessageDefinition def =
        parse(
            "float64[9] fixed\nint32[<=4] bounded\nuint8[] unbounded\n"
                + "string<=8 short_name\nstring<=5[<=3] few_short\nwstring<=2[2] pair");
    assertThat(type(def, "fixed"))
        .isEqualTo(new FieldType(Primitive.FLOAT64, null, 0, ArrayKind.FIXED, 9));
    assertThat(type(def, "bounded"))
        .isEqualTo(new FieldType(Primitive.INT32, null, 0, ArrayKind.BOUNDED, 4));
    assertThat(type(def, "unbounded"))
        .isEqualTo(new FieldType(Primitive.UINT8, null, 0, ArrayKind.UNBOUNDED, 0));
    assertThat(type(def, "short_name"))
        .isEqualTo(new FieldType(Primitive.STRING, null, 8, ArrayKind.NONE, 0));
    assertThat(type(def, "few_short"))
        .isEqualTo(new FieldType(Primitive.STRING, null, 5, ArrayKind.BOUNDED, 3));
    assertThat(type(def, "pair"))
        .isEqualTo(new FieldType(Primitive.WSTRING, null, 2, ArrayKind.FIXED, 2));
  }

  @Test
  void resolvesNestedTypeNames() {
    MessageDefinition def =
        parse(
            "Header header\ngeometry_msgs/Point p\ngeometry_msgs/msg/Pose pose\n"
                + "Other[] others\nstd_msgs/Header[2] two\ntime t\nduration d");
    assertThat(def.fields())
        .extracting(f -> f.type().messageType())
        .containsExactly(
            "std_msgs/msg/Header",
            "geometry_msgs/msg/Point",
            "geometry_msgs/msg/Pose",
            "my_pkg/msg/Other",
            "std_msgs/msg/Header",
            "builtin_interfaces/msg/Time",
            "builtin_interfaces/msg/Duration");
    assertThat(type(def, "others").array()).isEqualTo(ArrayKind.UNBOUNDED);
    assertThat(type(def, "two").arrayBound()).isEqualTo(2);
    assertThat(def.dependencies())
        .containsExactly(
            "std_msgs/msg/Header",
            "geometry_msgs/msg/Point",
            "geometry_msgs/msg/Pose",
            "my_pkg/msg/Other",
            "builtin_interfaces/msg/Time",
            "builtin_interfaces/msg/Duration");
  }

  @Test
  void parsesConstantsWithAndWithoutSpaces() {
    MessageDefinition def =
        parse(
            "byte OK=0\nint8 NO_FIX =  -1 # comment\nuint64 BIG=18446744073709551615\n"
                + "float64 PI = 3.14159\nbool FLAG=true\nstring GREETING = \"hi # there\"\n"
                + "string PLAIN=plain text\nint32 value");
    assertThat(def.constants())
        .containsExactly(
            new MessageConstant("OK", Primitive.BYTE, 0L),
            new MessageConstant("NO_FIX", Primitive.INT8, -1L),
            new MessageConstant("BIG", Primitive.UINT64, new BigInteger("18446744073709551615")),
            new MessageConstant("PI", Primitive.FLOAT64, 3.14159),
            new MessageConstant("FLAG", Primitive.BOOL, true),
            new MessageConstant("GREETING", Primitive.STRING, "hi # there"),
            new MessageConstant("PLAIN", Primitive.STRING, "plain text"));
    assertThat(def.fields()).extracting(MessageField::name).containsExactly("value");
  }

  @Test
  void parsesDefaultValues() {
    MessageDefinition def =
        parse(
            "int32 x 5\nfloat64 w 1\nbool on false\nstring name \"robot\"\n"
                + "string<=3 tag 'abc'\nint32[] list [1, 2, 3]\nfloat64[2] pair [0.5, -1.5]\n"
                + "string[] words [\"a,b\", 'c']\nuint8 none");
    assertThat(def.fields())
        .extracting(MessageField::defaultValue)
        .containsExactly(
            5L,
            1.0,
            false,
            "robot",
            "abc",
            List.of(1L, 2L, 3L),
            List.of(0.5, -1.5),
            List.of("a,b", "c"),
            null);
  }

  @Test
  void ignoresCommentsAndBlankLines() {
    MessageDefinition def =
        parse("# heading\n\n   # indented\nint32 a   # trailing\r\n\t\nfloat32 b#tight\n");
    assertThat(def.fields()).extracting(MessageField::name).containsExactly("a", "b");
  }

  @Test
  void emptyTextIsAMessageWithoutFields() {
    assertThat(parse("").fields()).isEmpty();
    assertThat(parse("# only a comment\n").fields()).isEmpty();
  }

  @Test
  void rejectsMalformedLinesNamingTheLine() {
    assertThatThrownBy(() -> parse("int32 a\nint32"))
        .isInstanceOf(MessageDefinitionException.class)
        .hasMessageContaining("my_pkg/msg/Thing line 2")
        .hasMessageContaining("missing field name");
    assertThatThrownBy(() -> parse("int32 a\nint32 a")).hasMessageContaining("duplicate name a");
    assertThatThrownBy(() -> parse("int8 x 300")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("uint8 X=-1")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("bool b maybe")).hasMessageContaining("bad bool value");
    assertThatThrownBy(() -> parse("float64 f abc")).hasMessageContaining("bad float64 value");
    assertThatThrownBy(() -> parse("float64[2] f [1]")).hasMessageContaining("expected: 2");
    assertThatThrownBy(() -> parse("int32[<=1] f [1, 2]")).hasMessageContaining("expected: <= 1");
    assertThatThrownBy(() -> parse("int32[<=] f")).hasMessageContaining("bound missing");
    assertThatThrownBy(() -> parse("int32[0] f")).hasMessageContaining("size 0");
    assertThatThrownBy(() -> parse("int32[x] f")).hasMessageContaining("bad array type");
    assertThatThrownBy(() -> parse("Point[] X=1")).hasMessageContaining("primitive type");
    assertThatThrownBy(() -> parse("Point p 3")).hasMessageContaining("cannot have a default");
    assertThatThrownBy(() -> parse("a/b/c/D x")).hasMessageContaining("bad type");
    assertThatThrownBy(() -> parse("lowercase x")).hasMessageContaining("unknown type");
    assertThatThrownBy(() -> parse("int32 9x")).hasMessageContaining("bad field name");
    assertThatThrownBy(() -> parse("string<=2 s \"abc\"")).hasMessageContaining("longer than 2");
    assertThatThrownBy(() -> MsgParser.parse("Thing", "int32 a"))
        .hasMessageContaining("expected: pkg/msg/Type");
  }
}
