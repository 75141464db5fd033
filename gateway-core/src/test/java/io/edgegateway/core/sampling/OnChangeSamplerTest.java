package io.edgegateway.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReadException;
import io.edgegateway.core.fields.FieldReader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The on_change sampler against a reader that returns the value a test sample carries. */
class OnChangeSamplerTest {
  private static final Object UNREADABLE = new Object();
  private final AtomicInteger undecodable = new AtomicInteger();

  /** A "sample" here is one byte: an index into {@code values}. */
  private static FieldReader readerOf(FieldReader.Kind kind, Object... values) {
    return new FieldReader() {
      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public FieldPath path() {
        return FieldPath.parse("x");
      }

      @Override
      public Object read(byte[] sample) throws FieldReadException {
        Object v = values[sample[0]];
        if (v == UNREADABLE) {
          throw new FieldReadException("x: index 3 is past the end of x (2 elements)");
        }
        return v;
      }
    };
  }

  private String pattern(Sampler s, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(s.accept(i, new byte[] {(byte) i}) ? 'k' : '.');
    }
    return b.toString();
  }

  @Test
  void keepsFirstSampleAndChangesBeyondTheDeadbandVersusTheLastKept() {
    Sampler s =
        Sampler.onChange(
            readerOf(FieldReader.Kind.NUMBER, 1.0, 1.005, 1.009, 1.011, 1.02, 1.0, 0.98),
            0.01,
            undecodable::incrementAndGet);
    // 1.011 differs from 1.0 (last kept) by > 0.01; 1.02 from 1.011 by 0.009: dropped;
    // 1.0 from 1.011 by 0.011: kept; 0.98 from 1.0 by 0.02: kept.
    assertThat(pattern(s, 7)).isEqualTo("k..k.kk");
    assertThat(s.dropReason()).isEqualTo("on_change");
    assertThat(undecodable).hasValue(0);
  }

  @Test
  void slowDriftIsKeptOnceItAddsUpPastTheDeadband() {
    Object[] values = new Object[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.004;
    }
    Sampler s = Sampler.onChange(readerOf(FieldReader.Kind.NUMBER, values), 0.01, () -> {});
    // kept at 0, then 0.012 (i=3), 0.024 (i=6), ...
    assertThat(pattern(s, 20)).isEqualTo("k..k..k..k..k..k..k.");
  }

  @Test
  void zeroDeadbandKeepsAnyChangeAndComparesIntegersExactly() {
    long big = 1L << 60;
    Sampler s =
        Sampler.onChange(
            readerOf(FieldReader.Kind.NUMBER, big, big, big + 1, big + 1, 7L), 0, () -> {});
    assertThat(pattern(s, 5)).isEqualTo("k.k.k");
  }

  @Test
  void textAndBooleansAreKeptWhenTheyDifferWhateverTheDeadband() {
    Sampler text =
        Sampler.onChange(
            readerOf(FieldReader.Kind.TEXT, "OK", "OK", "WARN", "WARN", "OK"), 5, () -> {});
    assertThat(pattern(text, 5)).isEqualTo("k.k.k");
    Sampler flag =
        Sampler.onChange(
            readerOf(FieldReader.Kind.BOOLEAN, false, false, true, true, false), 0.5, () -> {});
    assertThat(pattern(flag, 5)).isEqualTo("k.k.k");
  }

  @Test
  void nanIsAChangeFromANumberButNotFromNan() {
    Sampler s =
        Sampler.onChange(
            readerOf(FieldReader.Kind.NUMBER, 1.0, Double.NaN, Double.NaN, 1.0, 1.0),
            0.1,
            () -> {});
    assertThat(pattern(s, 5)).isEqualTo("kk.k.");
  }

  @Test
  void undecodableSamplesAreKeptCountedAndDoNotMoveTheReference() {
    Sampler s =
        Sampler.onChange(
            readerOf(FieldReader.Kind.NUMBER, UNREADABLE, 1.0, UNREADABLE, 1.0, 2.0),
            0,
            undecodable::incrementAndGet);
    // The first unreadable sample is kept but is no reference: 1.0 is then the first readable.
    assertThat(pattern(s, 5)).isEqualTo("kkk.k");
    assertThat(undecodable).hasValue(2);
  }

  @Test
  void withoutTheSampleBytesEverySampleIsKept() {
    Sampler s = Sampler.onChange(readerOf(FieldReader.Kind.NUMBER, 1.0), 0, () -> {});
    assertThat(s.accept(0)).isTrue();
    assertThat(s.accept(1)).isTrue();
  }

  @Test
  void invalidDeadbandNamesTheParameter() {
    FieldReader r = readerOf(FieldReader.Kind.NUMBER, 1.0);
    assertThatThrownBy(() -> Sampler.onChange(r, -0.5, () -> {}))
        .hasMessage("deadband : -0.5 (expected: >= 0, finite)");
    assertThatThrownBy(() -> Sampler.onChange(r, Double.NaN, () -> {}))
        .hasMessage("deadband : NaN (expected: >= 0, finite)");
  }

  @Test
  void otherSamplersIgnoreTheSampleBytes() {
    Sampler nth = Sampler.everyNth(2);
    assertThat(nth.accept(0, new byte[] {1})).isTrue();
    assertThat(nth.accept(1, new byte[] {1})).isFalse();
  }
}
