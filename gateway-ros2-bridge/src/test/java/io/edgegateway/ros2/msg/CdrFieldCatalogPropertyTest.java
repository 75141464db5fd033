package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.ros2.msg.FieldType.ArrayKind;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random values of every bundled message type, in both byte orders: each primitive leaf read
 * through its field path equals what the full decoder produced; on corrupted copies the reader
 * returns a value or throws {@link FieldReadException}, nothing else.
 */
class CdrFieldCatalogPropertyTest {
  private static final MessageRegistry REGISTRY = MessageRegistry.bundled();
  private static final CdrFieldCatalog CATALOG = CdrFieldCatalog.of(REGISTRY);
  private static final CdrDecoder DECODER = new CdrDecoder(REGISTRY);
  private static final List<String> TYPES = List.copyOf(REGISTRY.types());

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(TYPES);
  }

  @Property(tries = 1_000, shrinking = ShrinkingMode.OFF)
  void everyLeafReadsAsTheFullDecoderDecodesIt(
      @ForAll("types") String type, @ForAll long seed, @ForAll boolean little) throws Exception {
    byte[] sample = randomSample(type, seed, little);
    Map<String, Object> leaves = CdrFieldCatalogTest.leaves(DECODER.decode(type, sample));
    for (Map.Entry<String, Object> leaf : leaves.entrySet()) {
      Object read = reader(type, leaf.getKey()).read(sample);
      assertThat(read).as("%s %s", type, leaf.getKey()).isEqualTo(leaf.getValue());
    }
  }

  @Property(tries = 1_000, shrinking = ShrinkingMode.OFF)
  void corruptedSamplesOnlyFailWithFieldReadException(
      @ForAll("types") String type, @ForAll long seed, @ForAll boolean little) throws Exception {
    byte[] sample = randomSample(type, seed, little);
    List<String> paths =
        new ArrayList<>(CdrFieldCatalogTest.leaves(DECODER.decode(type, sample)).keySet());
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    byte[] corrupt = Arrays.copyOf(sample, 4 + random.nextInt(Math.max(1, sample.length - 3)));
    for (int i = 0, n = 1 + random.nextInt(4); i < n && corrupt.length > 4; i++) {
      corrupt[4 + random.nextInt(corrupt.length - 4)] = (byte) random.nextInt(256);
    }
    for (String path : paths) {
      try {
        reader(type, path).read(corrupt);
      } catch (FieldReadException expected) {
        assertThat(expected.getMessage()).startsWith(path + ": ");
      }
    }
  }

  private static FieldReader reader(String type, String path) {
    return CATALOG.reader(RosTypeName.parse(type), FieldPath.parse(path)).orElseThrow();
  }

  private static byte[] randomSample(String type, long seed, boolean little) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Object> value = message(REGISTRY.require(type), random);
    return ValueEncoder.encode(
        REGISTRY, type, value, little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
  }

  private static Map<String, Object> message(MessageDefinition def, SplittableRandom random) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (MessageField f : def.fields()) {
      FieldType t = f.type();
      if (!t.isArray()) {
        out.put(f.name(), value(t, random));
        continue;
      }
      int count =
          t.array() == ArrayKind.FIXED
              ? t.arrayBound()
              : random.nextInt(
                  1 + (t.array() == ArrayKind.BOUNDED ? Math.min(t.arrayBound(), 4) : 4));
      if (!t.isMessage() && (t.primitive() == Primitive.UINT8 || t.primitive() == Primitive.BYTE)) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        out.put(f.name(), bytes);
        continue;
      }
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        list.add(value(t.element(), random));
      }
      out.put(f.name(), list);
    }
    return out;
  }

  private static Object value(FieldType t, SplittableRandom random) {
    if (t.isMessage()) {
      return message(REGISTRY.require(t.messageType()), random);
    }
    switch (t.primitive()) {
      case BOOL:
        return random.nextBoolean();
      case BYTE:
      case CHAR:
      case UINT8:
      case INT8:
        return random.nextInt(256);
      case INT16:
      case UINT16:
        return random.nextInt(65_536);
      case INT32:
      case UINT32:
      case INT64:
      case UINT64:
        return random.nextLong();
      case FLOAT32:
        return Float.intBitsToFloat(random.nextInt());
      case FLOAT64:
        return Double.longBitsToDouble(random.nextLong());
      case STRING:
      case WSTRING:
        int bound = t.stringBound() > 0 ? Math.min(t.stringBound(), 8) : 8;
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = random.nextInt(bound + 1); i < n; i++) {
          b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
      default:
        throw new IllegalArgumentException(t.toString());
    }
  }
}
