package io.edgegateway.ros2.msg;

import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes a value tree (as {@link CdrDecoder} produces) back into CDR of either byte order, so
 * tests can round-trip samples and build big-endian ones.
 */
final class ValueEncoder {
  private final MessageRegistry registry;
  private final ByteOrder order;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private ValueEncoder(MessageRegistry registry, ByteOrder order) {
    this.registry = registry;
    this.order = order;
  }

  static byte[] encode(
      MessageRegistry registry, String type, Map<String, Object> value, ByteOrder order) {
    ValueEncoder e = new ValueEncoder(registry, order);
    e.out.write(0);
    e.out.write(order == ByteOrder.LITTLE_ENDIAN ? 1 : 0);
    e.out.write(0);
    e.out.write(0);
    e.message(registry.require(type), value);
    return e.out.toByteArray();
  }

  private void message(MessageDefinition def, Map<String, Object> value) {
    if (def.fields().isEmpty()) {
      out.write(0);
      return;
    }
    for (MessageField f : def.fields()) {
      Object v = value.get(f.name());
      FieldType t = f.type();
      if (!t.isArray()) {
        single(t, v);
        continue;
      }
      if (v instanceof byte[]) {
        byte[] b = (byte[]) v;
        if (t.array() != ArrayKind.FIXED) {
          put(4, b.length);
        }
        out.write(b, 0, b.length);
        continue;
      }
      List<?> list = (List<?>) v;
      if (t.array() != ArrayKind.FIXED) {
        put(4, list.size());
      }
      for (Object element : list) {
        single(t.element(), element);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void single(FieldType t, Object v) {
    if (t.isMessage()) {
      message(registry.require(t.messageType()), (Map<String, Object>) v);
      return;
    }
    switch (t.primitive()) {
      case BOOL:
        out.write((Boolean) v ? 1 : 0);
        break;
      case BYTE:
      case CHAR:
      case UINT8:
      case INT8:
        out.write(((Number) v).intValue());
        break;
      case INT16:
      case UINT16:
        put(2, ((Number) v).longValue());
        break;
      case INT32:
      case UINT32:
        put(4, ((Number) v).longValue());
        break;
      case INT64:
        put(8, (Long) v);
        break;
      case UINT64:
        put(8, v instanceof BigInteger ? ((BigInteger) v).longValue() : (Long) v);
        break;
      case FLOAT32:
        put(4, Float.floatToRawIntBits((Float) v));
        break;
      case FLOAT64:
        put(8, Double.doubleToRawLongBits((Double) v));
        break;
      case STRING:
        byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
        put(4, b.length + 1);
        out.write(b, 0, b.length);
        out.write(0);
        break;
      case WSTRING:
        String s = (String) v;
        put(4, s.length());
        for (int i = 0; i < s.length(); i++) {
          put(2, s.charAt(i));
        }
        break;
      default:
        throw new IllegalArgumentException(t.toString());
    }
  }

  private void put(int size, long v) {
    while ((out.size() - 4) % size != 0) {
      out.write(0);
    }
    ByteBuffer b = ByteBuffer.allocate(8).order(order);
    switch (size) {
      case 2:
        b.putShort((short) v);
        break;
      case 4:
        b.putInt((int) v);
        break;
      default:
        b.putLong(v);
        break;
    }
    out.write(b.array(), 0, size);
  }
}
