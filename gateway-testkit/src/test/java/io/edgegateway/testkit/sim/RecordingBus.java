package io.edgegateway.testkit.sim;

import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory bus that records what is published: per topic the spec, the count, the bytes and,
 * when asked, copies of the payloads. Publishing can be switched to refuse every sample.
 */
final class RecordingBus implements Bus {
  private final boolean keepPayloads;
  private final Map<String, RecordingPublisher> publishers = new ConcurrentHashMap<>();
  private final AtomicBoolean refuse = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong matched = new AtomicLong(-1);

  RecordingBus(boolean keepPayloads) {
    this.keepPayloads = keepPayloads;
  }

  @Override
  public BusSubscription subscribe(SubscriptionSpec spec, SampleHandler handler) {
    throw new UnsupportedOperationException("RecordingBus only records publishes");
  }

  @Override
  public BusPublisher publisher(SubscriptionSpec spec) {
    RecordingPublisher publisher = new RecordingPublisher(spec);
    if (publishers.putIfAbsent(spec.topic(), publisher) != null) {
      throw new IllegalStateException("second publisher for " + spec.topic());
    }
    return publisher;
  }

  @Override
  public boolean joined() {
    return !closed.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }

  /** What every publisher reports as its matched subscribers (-1, the default: unknown). */
  void matchedSubscribers(long value) {
    matched.set(value);
  }

  void refuseSamples(boolean value) {
    refuse.set(value);
  }

  RecordingPublisher publisherOf(String topic) {
    RecordingPublisher p = publishers.get(topic);
    if (p == null) {
      throw new IllegalArgumentException("no publisher for " + topic);
    }
    return p;
  }

  Map<String, RecordingPublisher> publishers() {
    return publishers;
  }

  long total() {
    return publishers.values().stream().mapToLong(p -> p.count.get()).sum();
  }

  final class RecordingPublisher implements BusPublisher {
    final SubscriptionSpec spec;
    final AtomicLong count = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong afterClose = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();
    private final List<byte[]> payloads = new ArrayList<>();

    RecordingPublisher(SubscriptionSpec spec) {
      this.spec = spec;
    }

    @Override
    public boolean publish(byte[] payload, int length) {
      if (closed.get()) {
        afterClose.incrementAndGet();
        return false;
      }
      if (refuse.get()) {
        return false;
      }
      if (keepPayloads) {
        synchronized (payloads) {
          payloads.add(Arrays.copyOf(payload, length));
        }
      }
      bytes.addAndGet(length);
      count.incrementAndGet();
      return true;
    }

    @Override
    public long matchedSubscribers() {
      return matched.get();
    }

    List<byte[]> payloads() {
      synchronized (payloads) {
        return List.copyOf(payloads);
      }
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
