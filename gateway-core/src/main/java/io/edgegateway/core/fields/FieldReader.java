package io.edgegateway.core.fields;

/**
 * Reads one field, named by a {@link FieldPath}, out of serialized samples of one message type.
 * Implementations decode only as far as the field and are thread-safe.
 */
public interface FieldReader {

  /** What kind of value a field holds, which decides how it is compared and exported. */
  enum Kind {
    /** An integer or floating-point number, read as a {@link Number}. */
    NUMBER,
    /** A {@code bool}, read as a {@link Boolean}. */
    BOOLEAN,
    /** A {@code string} or {@code wstring}, read as a {@link String}. */
    TEXT
  }

  /** The kind of the field's value. */
  Kind kind();

  /** The path this reader reads. */
  FieldPath path();

  /**
   * Reads the field from one sample.
   *
   * @param sample the serialized sample, encapsulation header included; not modified or kept
   * @return a {@link Number} for {@link Kind#NUMBER}, a {@link Boolean} for {@link Kind#BOOLEAN}, a
   *     {@link String} for {@link Kind#TEXT}
   * @throws FieldReadException when the sample is malformed or shorter than the path needs, e.g. an
   *     index past the end of a sequence
   */
  Object read(byte[] sample) throws FieldReadException;

  /**
   * The value as a double: numbers as they are, booleans as 1 or 0.
   *
   * @throws IllegalArgumentException for text
   */
  static double asDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new IllegalArgumentException("value : " + value + " (expected: a number or boolean)");
  }
}
