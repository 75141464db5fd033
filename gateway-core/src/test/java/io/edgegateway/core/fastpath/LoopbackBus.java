package io.edgegateway.core.fastpath;

import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.RawSampleHandler;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory bus: a publish on a topic calls that topic's handlers on the publishing thread. */
final class LoopbackBus implements Bus {
  private final Map<String, List<RawSampleHandler>> handlers = new ConcurrentHashMap<>();
  private final Map<String, SubscriptionSpec> publishedSpecs = new ConcurrentHashMap<>();

  @Override
  public BusSubscription subscribe(SubscriptionSpec spec, SampleHandler handler) {
    return subscribeRaw(
        spec,
        (stamp, buffer, length) ->
            handler.onSample(stamp, java.util.Arrays.copyOf(buffer, length)));
  }

  @Override
  public BusSubscription subscribeRaw(SubscriptionSpec spec, RawSampleHandler handler) {
    List<RawSampleHandler> list =
        handlers.computeIfAbsent(spec.topic(), t -> new CopyOnWriteArrayList<>());
    list.add(handler);
    return new BusSubscription() {
      @Override
      public String topic() {
        return spec.topic();
      }

      @Override
      public void close() {
        list.remove(handler);
      }
    };
  }

  @Override
  public BusPublisher publisher(SubscriptionSpec spec) {
    publishedSpecs.put(spec.topic(), spec);
    List<RawSampleHandler> list =
        handlers.computeIfAbsent(spec.topic(), t -> new CopyOnWriteArrayList<>());
    return new BusPublisher() {
      @Override
      public boolean publish(byte[] payload, int length) {
        for (RawSampleHandler h : list) {
          h.onSample(0, payload, length);
        }
        return true;
      }

      @Override
      public void close() {}
    };
  }

  SubscriptionSpec publishedSpec(String topic) {
    return publishedSpecs.get(topic);
  }

  @Override
  public boolean joined() {
    return true;
  }

  @Override
  public void close() {}
}
