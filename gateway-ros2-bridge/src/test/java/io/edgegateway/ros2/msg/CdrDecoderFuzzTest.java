package io.edgegateway.ros2.msg;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.dds.RosSamples;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * 100,000 random and mutated CDR buffers: the decoder returns a value tree or throws {@link
 * CdrDecodeException}, nothing else, and each decode ends quickly.
 */
class CdrDecoderFuzzTest {
  private static final MessageRegistry REGISTRY = MessageRegistry.bundled();
  private static final CdrDecoder DECODER = new CdrDecoder(REGISTRY);
  private static final long MAX_DECODE_NANOS = 1_000_000_000L;
  private static final List<Seed> SEEDS = seeds();
  private static final List<String> TYPES = List.copyOf(REGISTRY.types());
  private static final long[] INTERESTING = {
    0,
    1,
    2,
    3,
    4,
    7,
    8,
    29,
    0x7F,
    0xFF,
    0xFFFF,
    0x7FFF_FFFFL,
    0x8000_0000L,
    0xFFFF_FFFFL,
    0xFFFF_FFF0L
  };

  record Seed(String type, byte[] bytes) {}

  record Mutation(int kind, int position, long value) {}

  record Case(Seed seed, List<Mutation> mutations) {}

  @Property(tries = 60_000, shrinking = ShrinkingMode.OFF)
  void mutatedSamplesOnlyFailWithCdrDecodeException(@ForAll("mutatedSamples") Case c) {
    byte[] bytes = c.seed().bytes();
    for (Mutation m : c.mutations()) {
      bytes = apply(bytes, m);
    }
    decodeOnlyFailsTyped(c.seed().type(), bytes);
  }

  @Property(tries = 40_000, shrinking = ShrinkingMode.OFF)
  void randomBuffersOnlyFailWithCdrDecodeException(
      @ForAll("types") String type, @ForAll long seed, @ForAll boolean little) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] sample = new byte[4 + random.nextInt(400)];
    random.nextBytes(sample);
    decodeOnlyFailsTyped(type, sample);
    sample[0] = 0;
    sample[1] = (byte) (little ? 1 : 0);
    decodeOnlyFailsTyped(type, sample);
  }

  private static void decodeOnlyFailsTyped(String type, byte[] sample) {
    long start = System.nanoTime();
    try {
      assertThat(DECODER.decode(type, sample)).isNotNull();
    } catch (CdrDecodeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    assertThat(System.nanoTime() - start).isLessThan(MAX_DECODE_NANOS);
  }

  @Provide
  Arbitrary<Case> mutatedSamples() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.oneOf(
                    Arbitraries.of(Arrays.stream(INTERESTING).boxed().toList()),
                    Arbitraries.longs().between(0, 0xFFFF_FFFFL)))
            .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(1).ofMaxSize(4))
        .as(Case::new);
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(TYPES);
  }

  private static byte[] apply(byte[] bytes, Mutation m) {
    int n = bytes.length;
    int pos = n == 0 ? 0 : m.position() % n;
    switch (m.kind()) {
      case 0:
        {
          byte[] out = bytes.clone();
          if (n > 0) {
            out[pos] = (byte) m.value();
          }
          return out;
        }
      case 1:
        {
          byte[] out = bytes.clone();
          int at = pos < 4 ? 4 : 4 + ((pos - 4) & ~3);
          for (int i = 0; i < 4 && at + i < n; i++) {
            out[at + i] = (byte) (m.value() >>> (8 * i));
          }
          return out;
        }
      case 2:
        return Arrays.copyOf(bytes, pos);
      case 3:
        {
          byte[] out = new byte[n + 1 + (int) (m.value() % 8)];
          System.arraycopy(bytes, 0, out, 0, pos);
          System.arraycopy(bytes, pos, out, out.length - (n - pos), n - pos);
          Arrays.fill(out, pos, out.length - (n - pos), (byte) m.value());
          return out;
        }
      case 4:
        {
          int len = Math.min(n - pos, 1 + (int) (m.value() % 16));
          byte[] out = new byte[n - len];
          System.arraycopy(bytes, 0, out, 0, pos);
          System.arraycopy(bytes, pos + len, out, pos, n - pos - len);
          return out;
        }
      default:
        {
          byte[] out = bytes.clone();
          if (n > 1) {
            out[1] = (byte) (out[1] ^ 1);
          }
          return out;
        }
    }
  }

  private static List<Seed> seeds() {
    List<Seed> seeds = new ArrayList<>();
    long stamp = 1_700_000_000_123_456_789L;
    for (RosTypeName type :
        List.of(
            HumanoidMessages.JOINT_STATE,
            HumanoidMessages.IMU,
            HumanoidMessages.WRENCH_STAMPED,
            HumanoidMessages.DIAGNOSTIC_ARRAY,
            HumanoidMessages.JOINT_TRAJECTORY,
            HumanoidMessages.TWIST)) {
      byte[] sample = HumanoidMessages.encoderFor(type).encode("/fuzz", 5, stamp);
      seeds.add(new Seed(type.toString(), sample));
      try {
        byte[] big =
            ValueEncoder.encode(
                REGISTRY,
                type.toString(),
                DECODER.decode(type.toString(), sample),
                ByteOrder.BIG_ENDIAN);
        seeds.add(new Seed(type.toString(), big));
      } catch (CdrDecodeException e) {
        throw new AssertionError(e);
      }
    }
    byte[] image = HumanoidMessages.compressedImage("/camera/compressed", 1, stamp);
    seeds.add(new Seed(HumanoidMessages.COMPRESSED_IMAGE.toString(), Arrays.copyOf(image, 600)));
    seeds.add(new Seed(RosSamples.IMU_TYPE, RosSamples.cycloneImu(17)));
    seeds.add(new Seed(RosSamples.STRING_TYPE, RosSamples.cycloneString(17)));
    return List.copyOf(seeds);
  }
}
