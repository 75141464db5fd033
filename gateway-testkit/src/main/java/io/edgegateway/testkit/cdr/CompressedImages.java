package io.edgegateway.testkit.cdr;

import static io.edgegateway.testkit.cdr.RosHeaders.frameId;
import static io.edgegateway.testkit.cdr.RosHeaders.header;
import static io.edgegateway.testkit.cdr.Waveforms.TWO_PI;
import static io.edgegateway.testkit.cdr.Waveforms.phase;
import static io.edgegateway.testkit.cdr.Waveforms.seconds;

import java.util.SplittableRandom;

/**
 * The humanoid's camera frames, {@code sensor_msgs/msg/CompressedImage}: format {@code jpeg} and
 * about {@value #NOMINAL_BYTES} bytes shaped like a JFIF file.
 *
 * <p>Implementation notes: the body is a window of a fixed pool of low-entropy pseudo-random data
 * (seeded, so every JVM builds the same pool), so general-purpose compressors shrink it somewhat,
 * as they do real JPEG headers and markers; the window's offset moves with the frame number.
 */
final class CompressedImages {
  /** Nominal length of the JPEG bytes; frames vary by ±2.5%. */
  static final int NOMINAL_BYTES = 60_000;

  private static final int SWING_BYTES = 1_500;
  private static final byte[] JFIF_HEADER = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xE0,
    0x00,
    0x10,
    'J',
    'F',
    'I',
    'F',
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00
  };
  private static final int COMMENT_BYTES = 12;
  private static final int EOI_BYTES = 2;
  private static final byte[] IMAGE_POOL = imagePool(128 * 1024);

  private CompressedImages() {}

  /** Frame {@code seq} of {@code topic}; the frame number is embedded in a comment segment. */
  static byte[] compressedImage(String topic, long seq, long stampNanos) {
    double t = seconds(stampNanos);
    int phaseBits = topic.hashCode();
    int length =
        NOMINAL_BYTES
            + (int)
                StrictMath.round(SWING_BYTES * StrictMath.sin(TWO_PI * 0.05 * t + phase(topic)));
    int body = length - JFIF_HEADER.length - COMMENT_BYTES - EOI_BYTES;
    int span = IMAGE_POOL.length - body;
    int offset = (int) Math.floorMod(phaseBits * 7919L + seq * 4099L, (long) span);
    byte[] comment = new byte[COMMENT_BYTES];
    comment[0] = (byte) 0xFF;
    comment[1] = (byte) 0xFE;
    comment[2] = 0x00;
    comment[3] = 0x0A;
    for (int i = 0; i < 8; i++) {
      comment[4 + i] = (byte) (seq >>> (56 - 8 * i));
    }
    CdrWriter w = new CdrWriter(length + 96);
    header(w, stampNanos, frameId(topic, "_optical_frame"));
    w.string("jpeg").sequenceLength(length);
    w.bytes(JFIF_HEADER, 0, JFIF_HEADER.length).bytes(comment, 0, comment.length);
    w.bytes(IMAGE_POOL, offset, body);
    return w.uint8(0xFF).uint8(0xD9).toByteArray();
  }

  private static byte[] imagePool(int size) {
    SplittableRandom random = new SplittableRandom(0x6A706567L);
    byte[] pool = new byte[size];
    int i = 0;
    while (i < size) {
      int run = Math.min(1 + random.nextInt(32), size - i);
      if (random.nextBoolean()) {
        for (int k = 0; k < run; k++) {
          pool[i++] = (byte) random.nextInt(64);
        }
      } else {
        byte value = (byte) random.nextInt(64);
        for (int k = 0; k < run; k++) {
          pool[i++] = value;
        }
      }
    }
    return pool;
  }
}
