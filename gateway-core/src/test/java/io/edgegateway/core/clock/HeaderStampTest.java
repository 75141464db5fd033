package io.edgegateway.core.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HeaderStampTest {
  private static byte[] sample(int representation, ByteOrder order, int sec, int nanosec) {
    ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8).order(order);
    b.put((byte) 0).put((byte) representation).put((byte) 0).put((byte) 0);
    b.putInt(sec).putInt(nanosec);
    b.putInt(4).put("abc\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return b.array();
  }

  @Test
  void readsTheStampOfLittleAndBigEndianCdr() {
    assertThat(HeaderStamp.nanos(sample(0x01, ByteOrder.LITTLE_ENDIAN, 1_765_000_000, 250)))
        .isEqualTo(1_765_000_000_000_000_250L);
    assertThat(HeaderStamp.nanos(sample(0x00, ByteOrder.BIG_ENDIAN, 1_765_000_000, 250)))
        .isEqualTo(1_765_000_000_000_000_250L);
    assertThat(HeaderStamp.nanos(sample(0x07, ByteOrder.LITTLE_ENDIAN, 12, 999_999_999)))
        .as("XCDR2 little endian")
        .isEqualTo(12_999_999_999L);
  }

  @Test
  void nanosecondsAreUnsigned_secondsAreSigned() {
    assertThat(HeaderStamp.nanos(sample(0x01, ByteOrder.LITTLE_ENDIAN, -1, 0)))
        .isEqualTo(-1_000_000_000L);
    assertThat(HeaderStamp.nanos(sample(0x01, ByteOrder.LITTLE_ENDIAN, 0, 0xF000_0000)))
        .isEqualTo(0xF000_0000L);
  }

  @Test
  void aSampleTooShortOrWithAnotherEncapsulation_isUnreadable() {
    assertThat(HeaderStamp.nanos(new byte[] {0, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7}))
        .isEqualTo(HeaderStamp.UNREADABLE);
    assertThat(HeaderStamp.nanos(new byte[0])).isEqualTo(HeaderStamp.UNREADABLE);
    assertThat(HeaderStamp.nanos(sample(0x03, ByteOrder.LITTLE_ENDIAN, 5, 5)))
        .as("PL_CDR_LE")
        .isEqualTo(HeaderStamp.UNREADABLE);
  }
}
