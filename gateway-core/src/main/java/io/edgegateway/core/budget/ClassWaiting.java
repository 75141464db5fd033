package io.edgegateway.core.budget;

import io.edgegateway.core.port.QueueStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What waits in the queue in one {@link UplinkClass}.
 *
 * @param batches batches waiting
 * @param bytes payload bytes waiting
 * @param oldestAgeSeconds age of the oldest of them, 0 when none
 */
public record ClassWaiting(long batches, long bytes, double oldestAgeSeconds) {

  static final ClassWaiting NONE = new ClassWaiting(0, 0, 0);

  /**
   * Every class (none missing) from a queue snapshot at {@code nowMillis}: each stream counts in
   * the class of its oldest waiting batch, as a whole (that is how it is sent).
   */
  public static Map<UplinkClass, ClassWaiting> of(
      QueueStats stats, long nowMillis, Duration backlogAfter) {
    Map<UplinkClass, ClassWaiting> out = new EnumMap<>(UplinkClass.class);
    for (UplinkClass c : UplinkClass.values()) {
      out.put(c, NONE);
    }
    stats
        .streams()
        .forEach(
            (stream, s) -> {
              if (s.batches() == 0) {
                return;
              }
              UplinkClass c =
                  UplinkClass.of(stream, s.oldestSealedAtMillis(), nowMillis, backlogAfter);
              double age = Math.max(0, nowMillis - s.oldestSealedAtMillis()) / 1000.0;
              ClassWaiting w = out.getOrDefault(c, NONE);
              out.put(
                  c,
                  new ClassWaiting(
                      w.batches + s.batches(),
                      w.bytes + s.bytes(),
                      Math.max(w.oldestAgeSeconds, age)));
            });
    return out;
  }
}
