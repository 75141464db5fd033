package io.edgegateway.ros2.msg;

import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dynamic decoder of ROS 2 CDR samples (plain CDR, XCDR1) into a value tree, driven by the
 * message definitions of a {@link MessageRegistry}. Thread-safe.
 *
 * <p>The value tree: a message is a {@code LinkedHashMap<String, Object>} in field order; {@code
 * bool} is a Boolean; {@code byte}, {@code char}, {@code uint8}, {@code int8}, {@code int16},
 * {@code uint16} and {@code int32} are Integers; {@code uint32} and {@code int64} are Longs; {@code
 * uint64} is a Long, or a BigInteger above {@code Long.MAX_VALUE}; {@code float32} is a Float,
 * {@code float64} a Double; strings are Strings. A {@code uint8} or {@code byte} array is a {@code
 * byte[]}; every other array is a {@code List}.
 *
 * <p>Implementation notes: the 4-byte encapsulation header selects the byte order ({@code 00 00}
 * big endian, {@code 00 01} little endian); its options are ignored, as is trailing padding.
 * Alignment is relative to the end of the header; a primitive aligns to its size (8 for 64-bit
 * types); strings and sequence lengths are uint32. A message without fields is one byte on the wire
 * (rosidl's {@code structure_needs_at_least_one_member}). A {@code wstring} is a uint32 count of
 * UTF-16 code units, then the units (2 bytes each), as rmw_cyclonedds writes it. Untrusted lengths
 * are checked against the bytes left before anything is allocated (every element takes at least one
 * byte), and nesting deeper than {@link #MAX_DEPTH} fails, so a malformed sample costs at most time
 * and memory proportional to its size.
 */
public final class CdrDecoder {
  /** Deepest nesting of messages the decoder follows. */
  public static final int MAX_DEPTH = 64;

  private static final int HEADER = 4;

  private final MessageRegistry registry;

  public CdrDecoder(MessageRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Decodes one sample of {@code type}.
   *
   * @param type {@code pkg/msg/Type}
   * @param sample the serialized sample, encapsulation header included
   * @return the message as a field-ordered map
   * @throws CdrDecodeException if the type is unknown or the sample is malformed
   */
  public Map<String, Object> decode(String type, byte[] sample) throws CdrDecodeException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sample, "sample");
    MessageDefinition def =
        registry
            .find(type)
            .orElseThrow(() -> new CdrDecodeException("unknown message type " + type));
    if (sample.length < HEADER) {
      throw new CdrDecodeException(
          "sample of " + sample.length + " bytes has no encapsulation header");
    }
    if (sample[0] != 0 || (sample[1] != 0 && sample[1] != 1)) {
      throw new CdrDecodeException(
          String.format(
              "unsupported encapsulation %02x %02x (expected: 00 00 or 00 01, plain CDR)",
              sample[0], sample[1]));
    }
    Reader in = new Reader(sample, sample[1] == 1);
    try {
      return message(in, def, 0);
    } catch (CdrDecodeException e) {
      throw e;
    } catch (MessageDefinitionException e) {
      throw new CdrDecodeException(Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    } catch (RuntimeException e) {
      throw new CdrDecodeException("malformed sample at offset " + in.pos + ": " + e, e);
    }
  }

  private Map<String, Object> message(Reader in, MessageDefinition def, int depth)
      throws CdrDecodeException {
    if (depth >= MAX_DEPTH) {
      throw new CdrDecodeException(
          "messages nested deeper than " + MAX_DEPTH + " at " + def.type());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (def.fields().isEmpty()) {
      in.need(1, "empty message");
      in.pos++;
      return out;
    }
    for (MessageField field : def.fields()) {
      out.put(field.name(), field(in, field, depth));
    }
    return out;
  }

  private Object field(Reader in, MessageField field, int depth) throws CdrDecodeException {
    FieldType type = field.type();
    if (!type.isArray()) {
      return value(in, type, field.name(), depth);
    }
    int count;
    if (type.array() == ArrayKind.FIXED) {
      count = type.arrayBound();
    } else {
      long length = in.uint32();
      if (type.array() == ArrayKind.BOUNDED && length > type.arrayBound()) {
        throw new CdrDecodeException(
            field.name()
                + ": sequence length "
                + length
                + " exceeds its bound "
                + type.arrayBound());
      }
      count = checkedCount(in, length, field.name());
    }
    Primitive p = type.primitive();
    if (p == Primitive.UINT8 || p == Primitive.BYTE) {
      in.need(count, field.name());
      byte[] bytes = Arrays.copyOfRange(in.data, in.pos, in.pos + count);
      in.pos += count;
      return bytes;
    }
    if (p != null && !p.isString()) {
      if (count > 0) {
        in.align(p.size());
      }
      in.need((long) count * p.size(), field.name());
    } else {
      checkedCount(in, count, field.name());
    }
    FieldType element = type.element();
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(value(in, element, field.name(), depth));
    }
    return values;
  }

  Object value(Reader in, FieldType type, String name, int depth) throws CdrDecodeException {
    if (type.isMessage()) {
      MessageDefinition nested =
          registry
              .find(type.messageTypeOrThrow())
              .orElseThrow(
                  () -> new CdrDecodeException("unknown message type " + type.messageType()));
      return message(in, nested, depth + 1);
    }
    switch (type.primitiveOrThrow()) {
      case BOOL:
        return in.uint8(name) != 0;
      case BYTE:
      case CHAR:
      case UINT8:
        return in.uint8(name);
      case INT8:
        return (int) (byte) in.uint8(name);
      case INT16:
        return (int) in.int16(name);
      case UINT16:
        return in.int16(name) & 0xFFFF;
      case INT32:
        return in.int32(name);
      case UINT32:
        return in.int32(name) & 0xFFFF_FFFFL;
      case INT64:
        return in.int64(name);
      case UINT64:
        long v = in.int64(name);
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
      case FLOAT32:
        return Float.intBitsToFloat(in.int32(name));
      case FLOAT64:
        return Double.longBitsToDouble(in.int64(name));
      case STRING:
        return string(in, type.stringBound(), name);
      case WSTRING:
        return wstring(in, type.stringBound(), name);
      default:
        throw new CdrDecodeException(name + ": unsupported type " + type.primitive());
    }
  }

  private static String string(Reader in, int bound, String name) throws CdrDecodeException {
    long length = in.uint32();
    if (length == 0) {
      return "";
    }
    int n = checkedCount(in, length, name);
    if (in.data[in.pos + n - 1] != 0) {
      throw new CdrDecodeException(name + ": string at offset " + in.pos + " lacks its NUL");
    }
    String s = new String(in.data, in.pos, n - 1, StandardCharsets.UTF_8);
    in.pos += n;
    if (bound > 0 && n - 1 > bound) {
      throw new CdrDecodeException(name + ": string of " + (n - 1) + " bytes exceeds " + bound);
    }
    return s;
  }

  private static String wstring(Reader in, int bound, String name) throws CdrDecodeException {
    long units = in.uint32();
    if (units * 2 > in.remaining()) {
      throw new CdrDecodeException(
          name + ": wstring of " + units + " units exceeds the " + in.remaining() + " bytes left");
    }
    if (bound > 0 && units > bound) {
      throw new CdrDecodeException(name + ": wstring of " + units + " units exceeds " + bound);
    }
    char[] chars = new char[(int) units];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) in.int16(name);
    }
    return new String(chars);
  }

  private static int checkedCount(Reader in, long length, String name) throws CdrDecodeException {
    if (length > in.remaining()) {
      throw new CdrDecodeException(
          name
              + ": length "
              + length
              + " at offset "
              + in.pos
              + " exceeds the "
              + in.remaining()
              + " bytes left");
    }
    return (int) length;
  }

  /** A cursor over the sample. */
  static final class Reader {
    final byte[] data;
    final boolean little;
    int pos = HEADER;

    Reader(byte[] data, boolean little) {
      this.data = data;
      this.little = little;
    }

    int remaining() {
      return data.length - pos;
    }

    void need(long n, String what) throws CdrDecodeException {
      if (n > remaining()) {
        throw new CdrDecodeException(
            what + ": needs " + n + " bytes at offset " + pos + ", " + remaining() + " left");
      }
    }

    void align(int n) throws CdrDecodeException {
      int pad = (n - (pos - HEADER) % n) % n;
      need(pad, "padding");
      pos += pad;
    }

    int uint8(String what) throws CdrDecodeException {
      need(1, what);
      return data[pos++] & 0xFF;
    }

    short int16(String what) throws CdrDecodeException {
      align(2);
      need(2, what);
      int b0 = data[pos] & 0xFF;
      int b1 = data[pos + 1] & 0xFF;
      pos += 2;
      return (short) (little ? b0 | b1 << 8 : b0 << 8 | b1);
    }

    int int32(String what) throws CdrDecodeException {
      align(4);
      need(4, what);
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int b = data[pos + (little ? 3 - i : i)] & 0xFF;
        v = v << 8 | b;
      }
      pos += 4;
      return v;
    }

    long uint32() throws CdrDecodeException {
      return int32("length") & 0xFFFF_FFFFL;
    }

    long int64(String what) throws CdrDecodeException {
      align(8);
      need(8, what);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        long b = data[pos + (little ? 7 - i : i)] & 0xFF;
        v = v << 8 | b;
      }
      pos += 8;
      return v;
    }
  }
}
