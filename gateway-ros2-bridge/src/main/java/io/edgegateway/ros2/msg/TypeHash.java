package io.edgegateway.ros2.msg;

import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ROS 2 type hash ({@code RIHS01_<64 hex>}, REP-2011) of a message definition, as Iron and
 * later publish it in discovery ({@code typehash=RIHS01_...;} in a DDS endpoint's USER_DATA) and
 * record it in rosbag2 metadata. Thread-safe, stateless.
 *
 * <p>The hash is SHA-256 over the type description in rosidl's canonical JSON: {@code
 * {"type_description": {"type_name": "pkg/msg/T", "fields": [...]}, "referenced_type_descriptions":
 * [...]}} with every referenced type (transitively) sorted by name, each field as {@code {"name":
 * n, "type": {"type_id": i, "capacity": c, "string_capacity": s, "nested_type_name": t}}} (default
 * values and constants are not part of it), separators {@code ", "} and {@code ": "}, ASCII only.
 * Type ids are those of {@code type_description_interfaces/msg/FieldType}: the element type's id,
 * plus 48 for a fixed array, 96 for a bounded and 144 for an unbounded sequence. A {@code .msg}
 * {@code char} is IDL {@code uint8}, {@code byte} is {@code octet}. A message without fields has
 * rosidl's {@code uint8 structure_needs_at_least_one_member}.
 */
public final class TypeHash {
  /** The prefix of a version-1 hash. */
  public static final String PREFIX = "RIHS01_";

  private static final String EMPTY_FIELD = "structure_needs_at_least_one_member";

  private TypeHash() {}

  /**
   * The {@code RIHS01_...} hash of {@code type} with the definitions of {@code registry}.
   *
   * @throws MessageDefinitionException if the type or one it uses is not known
   */
  public static String of(MessageRegistry registry, String type) {
    return PREFIX + HexFormat.of().formatHex(sha256(descriptionJson(registry, type)));
  }

  /** The canonical type description JSON that {@link #of} hashes. */
  static String descriptionJson(MessageRegistry registry, String type) {
    Objects.requireNonNull(registry, "registry");
    MessageDefinition root = registry.require(type);
    TreeMap<String, MessageDefinition> referenced = new TreeMap<>();
    collect(registry, root, referenced);
    referenced.remove(root.type());
    StringBuilder out = new StringBuilder("{\"type_description\": ");
    description(out, root);
    out.append(", \"referenced_type_descriptions\": [");
    List<MessageDefinition> refs = new ArrayList<>(referenced.values());
    for (int i = 0; i < refs.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      description(out, refs.get(i));
    }
    return out.append("]}").toString();
  }

  private static void collect(
      MessageRegistry registry, MessageDefinition def, TreeMap<String, MessageDefinition> out) {
    for (MessageField f : def.fields()) {
      if (f.type().isMessage()) {
        String name = f.type().messageTypeOrThrow();
        if (!out.containsKey(name)) {
          MessageDefinition nested =
              registry
                  .find(name)
                  .orElseThrow(
                      () ->
                          new MessageDefinitionException(
                              "unknown message type " + name + " used by " + def.type()));
          out.put(name, nested);
          collect(registry, nested, out);
        }
      }
    }
  }

  private static void description(StringBuilder out, MessageDefinition def) {
    out.append("{\"type_name\": ");
    string(out, def.type());
    out.append(", \"fields\": [");
    if (def.fields().isEmpty()) {
      field(out, EMPTY_FIELD, 3, 0, 0, "");
    }
    for (int i = 0; i < def.fields().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      MessageField f = def.fields().get(i);
      FieldType t = f.type();
      int id = t.isMessage() ? 1 : elementId(t.primitiveOrThrow(), t.stringBound());
      id +=
          switch (t.array()) {
            case NONE -> 0;
            case FIXED -> 48;
            case BOUNDED -> 96;
            case UNBOUNDED -> 144;
          };
      int capacity = t.array() == ArrayKind.UNBOUNDED ? 0 : t.arrayBound();
      field(
          out,
          f.name(),
          id,
          capacity,
          t.stringBound(),
          t.isMessage() ? t.messageTypeOrThrow() : "");
    }
    out.append("]}");
  }

  private static void field(
      StringBuilder out, String name, int id, int capacity, int stringCapacity, String nested) {
    out.append("{\"name\": ");
    string(out, name);
    out.append(", \"type\": {\"type_id\": ")
        .append(id)
        .append(", \"capacity\": ")
        .append(capacity)
        .append(", \"string_capacity\": ")
        .append(stringCapacity)
        .append(", \"nested_type_name\": ");
    string(out, nested);
    out.append("}}");
  }

  private static int elementId(Primitive p, int stringBound) {
    return switch (p) {
      case INT8 -> 2;
      case UINT8, CHAR -> 3;
      case INT16 -> 4;
      case UINT16 -> 5;
      case INT32 -> 6;
      case UINT32 -> 7;
      case INT64 -> 8;
      case UINT64 -> 9;
      case FLOAT32 -> 10;
      case FLOAT64 -> 11;
      case BOOL -> 15;
      case BYTE -> 16;
      case STRING -> stringBound > 0 ? 21 : 17;
      case WSTRING -> stringBound > 0 ? 22 : 18;
    };
  }

  /** A JSON string as Python's {@code json.dumps(ensure_ascii=True)} writes it. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static byte[] sha256(String json) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
