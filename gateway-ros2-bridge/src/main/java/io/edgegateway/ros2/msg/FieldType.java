package io.edgegateway.ros2.msg;

import org.jspecify.annotations.Nullable;

/**
 * The type of a field or constant: a primitive (with an optional string bound), or a nested
 * message, possibly as an array.
 *
 * @param primitive the primitive type, or {@code null} for a nested message
 * @param messageType the nested message type as {@code pkg/msg/Type}, or {@code null}
 * @param stringBound maximum length of a bounded {@code string<=N}; 0 when unbounded
 * @param array whether and how the field is an array
 * @param arrayBound the length of a fixed array, the maximum of a bounded one, else 0
 */
public record FieldType(
    @Nullable Primitive primitive,
    @Nullable String messageType,
    int stringBound,
    ArrayKind array,
    int arrayBound) {

  /** How a field repeats its element type. */
  public enum ArrayKind {
    /** A single value. */
    NONE,
    /** {@code T[N]}: exactly N elements, no length on the wire. */
    FIXED,
    /** {@code T[<=N]}: a sequence of at most N elements. */
    BOUNDED,
    /** {@code T[]}: a sequence. */
    UNBOUNDED
  }

  public FieldType {
    if ((primitive == null) == (messageType == null)) {
      throw new IllegalArgumentException(
          "primitive : " + primitive + " (expected: exactly one of primitive and messageType)");
    }
    if (stringBound < 0) {
      throw new IllegalArgumentException("stringBound : " + stringBound + " (expected: >= 0)");
    }
    if (arrayBound < 0) {
      throw new IllegalArgumentException("arrayBound : " + arrayBound + " (expected: >= 0)");
    }
  }

  /** True for a nested message element type. */
  public boolean isMessage() {
    return messageType != null;
  }

  /** The primitive element type; fails for a nested message (check {@link #isMessage()} first). */
  public Primitive primitiveOrThrow() {
    if (primitive == null) {
      throw new IllegalStateException("field type " + messageType + " is a message");
    }
    return primitive;
  }

  /** The nested message type; fails for a primitive (check {@link #isMessage()} first). */
  public String messageTypeOrThrow() {
    if (messageType == null) {
      throw new IllegalStateException("field type " + primitive + " is not a message");
    }
    return messageType;
  }

  /** True if the field holds more than one element. */
  public boolean isArray() {
    return array != ArrayKind.NONE;
  }

  /** The element type of an array field, as a single value. */
  public FieldType element() {
    return new FieldType(primitive, messageType, stringBound, ArrayKind.NONE, 0);
  }
}
