package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.RosSamples;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real DDS peer (its own Fast-DDS participant) that publishes {@code std_msgs/msg/String} samples
 * on one topic, reliable, either one by one or continuously from a thread of its own.
 */
final class ReloadPublisher implements AutoCloseable {
  private static final Qos RELIABLE =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 10);

  private final FastDdsBus bus;
  private final BusPublisher publisher;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private Thread thread;

  ReloadPublisher(int domain, String topic) {
    this.bus = FastDdsBus.join(domain, "reload_peer");
    this.publisher =
        bus.publisher(
            new SubscriptionSpec(
                topic, RosTypeName.parse(RosSamples.STRING_TYPE), RELIABLE, 64 * 1024));
  }

  /** Publishes one sample. */
  void publishOne() {
    byte[] cdr = RosSamples.cycloneString(sent.incrementAndGet());
    publisher.publish(cdr, cdr.length);
  }

  /** Publishes about one sample a millisecond until {@link #stop}. */
  void startStreaming() {
    running.set(true);
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                publishOne();
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "reload-test-publisher");
    thread.start();
  }

  void stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join(5000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    publisher.close();
    bus.close();
  }
}
