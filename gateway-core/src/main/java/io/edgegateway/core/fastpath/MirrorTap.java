package io.edgegateway.core.fastpath;

import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;
import io.micrometer.core.instrument.Counter;
import java.util.Arrays;
import org.jctools.queues.MessagePassingQueue;

/**
 * The mirror entry of one control topic: samples by {@code mirror.max_rate_hz}, copies the kept
 * samples and offers them to the bounded mirror queue; a copy that does not fit is dropped and
 * counted. Called on the relay's thread only (the sampler is not thread-safe); never blocks.
 */
final class MirrorTap {
  private final Sampler sampler;
  private final SampleHandler sink;
  private final MessagePassingQueue<MirrorCopy> queue;
  private final Counter dropped;

  MirrorTap(
      Sampler sampler, SampleHandler sink, MessagePassingQueue<MirrorCopy> queue, Counter dropped) {
    this.sampler = sampler;
    this.sink = sink;
    this.queue = queue;
    this.dropped = dropped;
  }

  void offer(long sourceStampNs, byte[] buffer, int length, long monotonicNanos) {
    if (!sampler.accept(monotonicNanos)) {
      return;
    }
    if (queue.size() >= queue.capacity()) {
      dropped.increment(); // full: don't even copy
      return;
    }
    if (!queue.relaxedOffer(new MirrorCopy(sink, sourceStampNs, Arrays.copyOf(buffer, length)))) {
      dropped.increment();
    }
  }

  /** One copied control sample on its way to the telemetry handler of its topic. */
  record MirrorCopy(SampleHandler sink, long sourceStampNs, byte[] payload) {}
}
