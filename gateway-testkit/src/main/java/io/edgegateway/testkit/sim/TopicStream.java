package io.edgegateway.testkit.sim;

import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.testkit.cdr.HumanoidMessages.SampleEncoder;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic of a {@link HumanoidSimulator}: its absolute schedule (sample {@code n} due at {@code
 * start + n * period}), its publisher and its counters; touched only by the publishing thread. A
 * topic more than 1 s behind skips its backlog and counts the skipped samples.
 */
final class TopicStream {
  private static final Logger log = LoggerFactory.getLogger(HumanoidSimulator.class);
  private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What one topic published, refused and skipped; read by the simulator's accessors. */
  static final class Counters {
    final AtomicLong published = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
  }

  final TopicLoad load;
  final BusPublisher publisher;
  final SampleEncoder encoder;
  final double periodNanos;
  final long monoStart;
  final long wallStart;
  final Counters counters;
  long seq;
  long deadline;

  TopicStream(
      TopicLoad load,
      BusPublisher publisher,
      SampleEncoder encoder,
      double periodNanos,
      long monoStart,
      long wallStart,
      Counters counters) {
    this.load = load;
    this.publisher = publisher;
    this.encoder = encoder;
    this.periodNanos = periodNanos;
    this.monoStart = monoStart;
    this.wallStart = wallStart;
    this.counters = counters;
    this.deadline = monoStart;
  }

  /** Publishes up to {@code burst} due samples; true if more are still due. */
  boolean publishDue(long nowNanos, int burst) {
    if (nowNanos - deadline > MAX_LAG_NANOS) {
      long target = (long) Math.floor((nowNanos - monoStart) / periodNanos);
      counters.skipped.addAndGet(target - seq);
      log.warn(
          "humanoid simulator fell behind on {}; skipped {} samples", load.topic(), target - seq);
      seq = target;
      deadline = monoStart + offsetNanos(seq);
    }
    for (int n = 0; n < burst; n++) {
      if (nowNanos - deadline < 0) {
        return false;
      }
      publishOne();
    }
    return nowNanos - deadline >= 0;
  }

  private void publishOne() {
    byte[] sample = encoder.encode(load.topic(), seq, wallStart + offsetNanos(seq));
    boolean ok;
    String reason = "bus refused the sample";
    try {
      ok = publisher.publish(sample, sample.length);
    } catch (RuntimeException e) {
      ok = false;
      reason = e.toString();
    }
    if (ok) {
      counters.published.incrementAndGet();
      counters.bytes.addAndGet(sample.length);
    } else if (counters.failures.getAndIncrement() == 0) {
      log.warn(
          "humanoid simulator publish on {} failed ({}); further failures are only counted",
          load.topic(),
          reason);
    }
    seq++;
    deadline = monoStart + offsetNanos(seq);
  }

  private long offsetNanos(long n) {
    return Math.round(n * periodNanos);
  }

  void closePublisher() {
    HumanoidSimulator.closeQuietly(publisher, load.topic());
  }
}
