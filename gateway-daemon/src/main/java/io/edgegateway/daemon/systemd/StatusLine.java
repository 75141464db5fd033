package io.edgegateway.daemon.systemd;

import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.Uplink;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The headline numbers for {@code STATUS=} (what {@code systemctl status} shows), e.g. {@code
 * ingest 1520/s, queue 3.2 MiB (14 batches), uplink connected}. The ingest rate is over the time
 * since the previous line. Used by one thread.
 */
public final class StatusLine implements Supplier<String> {
  private final Clock clock;
  private final LongSupplier received;
  private final Supplier<QueueStats> queue;
  private final Supplier<Uplink.UplinkState> uplink;
  private long lastReceived;
  private long lastNanos;

  /**
   * @param received samples received from the bus so far (a counter)
   * @param queue the latest queue snapshot
   * @param uplink the uplink's state
   */
  public StatusLine(
      Clock clock,
      LongSupplier received,
      Supplier<QueueStats> queue,
      Supplier<Uplink.UplinkState> uplink) {
    this.clock = clock;
    this.received = received;
    this.queue = queue;
    this.uplink = uplink;
    this.lastReceived = received.getAsLong();
    this.lastNanos = clock.monotonicNanos();
  }

  @Override
  public String get() {
    long now = clock.monotonicNanos();
    long total = received.getAsLong();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    long rate = Math.round((total - lastReceived) / seconds);
    lastReceived = total;
    lastNanos = now;
    QueueStats q = queue.get();
    return String.format(
        Locale.ROOT,
        "ingest %d/s, queue %.1f MiB (%d batches), uplink %s",
        rate,
        q.bytes() / (1024.0 * 1024.0),
        q.batches(),
        uplink.get().name().toLowerCase(Locale.ROOT));
  }
}
