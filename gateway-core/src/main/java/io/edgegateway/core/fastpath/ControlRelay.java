package io.edgegateway.core.fastpath;

import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.RawSampleHandler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The fast-path relay of one control topic: republishes every sample received on the source bus,
 * byte for byte, through a publisher on the target (another domain or another topic), then offers a
 * sampled copy to the mirror.
 *
 * <p>Runs on the source bus's listener thread. Per sample it takes two monotonic clock readings,
 * one DDS write, one wait-free histogram record and two atomic increments; it allocates nothing (a
 * mirror copy, when sampled, is the only allocation) and takes no lock shared with telemetry.
 */
public final class ControlRelay implements RawSampleHandler {
  private final String topic;
  private final BusPublisher target;
  private final @Nullable MirrorTap mirror;
  private final FastPathLatency latency;
  private final Clock clock;
  private final AtomicLong relayed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  ControlRelay(
      String topic,
      BusPublisher target,
      @Nullable MirrorTap mirror,
      FastPathLatency latency,
      Clock clock) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.target = Objects.requireNonNull(target, "target");
    this.mirror = mirror;
    this.latency = Objects.requireNonNull(latency, "latency");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onSample(long sourceStampNs, byte[] buffer, int length) {
    long receivedNanos = clock.monotonicNanos();
    if (target.publish(buffer, length)) {
      latency.record(clock.monotonicNanos() - receivedNanos);
      relayed.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
    if (mirror != null) {
      mirror.offer(sourceStampNs, buffer, length, receivedNanos);
    }
  }

  /** The relayed (source) topic. */
  public String topic() {
    return topic;
  }

  /** Samples written to the target. */
  public long relayed() {
    return relayed.get();
  }

  /** Samples the target publisher refused (closed, oversize, or DDS failure). */
  public long failed() {
    return failed.get();
  }
}
