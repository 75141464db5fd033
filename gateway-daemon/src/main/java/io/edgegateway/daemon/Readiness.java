package io.edgegateway.daemon;

import io.edgegateway.core.port.Uplink;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether the gateway is ready ({@code /readyz}): the bus is joined, the queue's disk is not full
 * and the uplink is connected; otherwise the first reason in that order, such as {@code
 * bus_not_joined}, {@code queue_disk_full} or {@code uplink_fenced}.
 *
 * @param notReadyReason null when ready
 */
record Readiness(@Nullable String notReadyReason) {
  static final Readiness READY = new Readiness(null);

  static Readiness of(boolean busJoined, boolean queueDiskFull, Uplink.UplinkState uplink) {
    if (!busJoined) {
      return new Readiness("bus_not_joined");
    }
    if (queueDiskFull) {
      return new Readiness("queue_disk_full");
    }
    if (uplink != Uplink.UplinkState.CONNECTED) {
      return new Readiness("uplink_" + uplink.name().toLowerCase(Locale.ROOT));
    }
    return READY;
  }

  boolean ready() {
    return notReadyReason == null;
  }
}
