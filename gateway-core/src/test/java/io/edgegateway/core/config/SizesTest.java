package io.edgegateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
  @ParameterizedTest
  @CsvSource({
    "1024, 1024",
    "512B, 512",
    "512b, 512",
    "1KB, 1000",
    "10MB, 10000000",
    "10mb, 10000000",
    "2GB, 2000000000",
    "1TB, 1000000000000",
    "1KiB, 1024",
    "256KiB, 262144",
    "256kib, 262144",
    "64MiB, 67108864",
    "2GiB, 2147483648",
    "1TiB, 1099511627776",
    "1.5KiB, 1536",
    "' 8 MiB ', 8388608",
    "0, 0"
  })
  void parsesSizes(String text, long bytes) {
    assertThat(Sizes.parse(text)).isEqualTo(bytes);
  }

  @Test
  void rejectsTextThatIsNotASize() {
    assertThatThrownBy(() -> Sizes.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a size like 256KiB, 10MB or 1024 (bytes), got 'lots'");
    assertThatThrownBy(() -> Sizes.parse("-1KiB"))
        .hasMessage("expected a size like 256KiB, 10MB or 1024 (bytes), got '-1KiB'");
    assertThatThrownBy(() -> Sizes.parse(""))
        .hasMessage("expected a size like 256KiB, 10MB or 1024 (bytes), got ''");
  }

  @Test
  void rejectsUnknownUnits() {
    assertThatThrownBy(() -> Sizes.parse("3XB"))
        .hasMessage(
            "unknown size unit 'XB' in '3XB' (expected one of: B, KB, MB, GB, TB, KiB, MiB, GiB,"
                + " TiB)");
  }

  @Test
  void rejectsFractionalBytesAndOverflow() {
    assertThatThrownBy(() -> Sizes.parse("1.5B"))
        .hasMessage("size '1.5B' is not a whole number of bytes");
    assertThatThrownBy(() -> Sizes.parse("99999999TiB"))
        .hasMessage("size '99999999TiB' is too large");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0B",
    "100, 100B",
    "1024, 1KiB",
    "262144, 256KiB",
    "1048576, 1MiB",
    "2147483648, 2GiB",
    "1099511627776, 1TiB",
    "10000000, 10MB",
    "1000, 1KB",
    "1536, 1536B"
  })
  void formatsInTheLargestExactUnit(long bytes, String text) {
    assertThat(Sizes.format(bytes)).isEqualTo(text);
  }

  @Test
  void formatThenParseIsIdentity() {
    for (long bytes : new long[] {1, 64, 1000, 1024, 1536, 10_000_000, 3L << 40, Long.MAX_VALUE}) {
      assertThat(Sizes.parse(Sizes.format(bytes))).isEqualTo(bytes);
    }
  }
}
