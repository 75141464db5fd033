package io.edgegateway.ros2;

import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.common.Time;

/**
 * A {@link SampleInfo} whose source timestamp keeps its seconds, so the publisher's full source
 * timestamp can be read after {@code takeNextData}.
 *
 * <p>Why: ihmc-pub-sub 0.20.0 fills the timestamp with {@code setSeconds(sec)} followed by {@code
 * set(nanosec)}, and {@link Time#set(long)} treats its argument as total nanoseconds, overwriting
 * the seconds with 0. The {@link Time} returned here takes a value below one second as the
 * nanosecond part only, and anything larger as total nanoseconds (in case a later version passes
 * that).
 */
final class StampedSampleInfo extends SampleInfo {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Time sourceTimestamp =
      new Time() {
        @Override
        public void set(long nanoseconds) {
          if (nanoseconds >= 0 && nanoseconds < NANOS_PER_SECOND) {
            setNanoseconds(nanoseconds);
          } else {
            super.set(nanoseconds);
          }
        }
      };

  @Override
  public Time getSourceTimestamp() {
    return sourceTimestamp;
  }

  /** The source timestamp in nanoseconds since the Unix epoch, or 0 when the sample has none. */
  long sourceStampNs() {
    long seconds = sourceTimestamp.getSeconds();
    long nanos = sourceTimestamp.getNanoseconds();
    if (seconds <= 0 || nanos < 0 || nanos >= NANOS_PER_SECOND) {
      return 0;
    }
    return seconds * NANOS_PER_SECOND + nanos;
  }
}
