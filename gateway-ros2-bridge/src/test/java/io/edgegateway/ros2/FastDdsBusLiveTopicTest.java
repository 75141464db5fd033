package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.DdsDomains;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Subscribing to a topic that is already streaming, as a gateway restarting on a live robot does:
 * samples arriving while the subscriber is being created must neither deadlock the subscribing
 * thread nor be lost for later samples.
 */
class FastDdsBusLiveTopicTest {
  private static final int DOMAIN = DdsDomains.forTest(FastDdsBusLiveTopicTest.class, 0);
  private static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");
  private static final byte[] HELLO = {0, 1, 0, 0, 2, 0, 0, 0, 'x', 0};
  private static final int CYCLES = 15;
  private static final int TOPICS = 6;

  @Test
  void subscribesRepeatedlyToATopicThatIsAlreadyStreaming() throws Exception {
    SubscriptionSpec[] specs = new SubscriptionSpec[TOPICS];
    for (int i = 0; i < TOPICS; i++) {
      specs[i] =
          new SubscriptionSpec(
              DdsDomains.uniqueTopic("live_stream"), STRING, Qos.telemetryDefault(), 256);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    try (FastDdsBus robot = FastDdsBus.join(DOMAIN, "live_robot");
        FastDdsBus gateway = FastDdsBus.join(DOMAIN, "live_gateway")) {
      BusPublisher[] publishers = new BusPublisher[TOPICS];
      for (int i = 0; i < TOPICS; i++) {
        publishers[i] = robot.publisher(specs[i]);
      }
      Thread streamer =
          new Thread(
              () -> {
                while (running.get()) {
                  for (BusPublisher publisher : publishers) {
                    publisher.publish(HELLO, HELLO.length);
                  }
                  LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
              },
              "live-streamer");
      streamer.start();
      try {
        assertTimeoutPreemptively(
            Duration.ofSeconds(120),
            () -> {
              for (int cycle = 0; cycle < CYCLES; cycle++) {
                BusSubscription[] subscriptions = new BusSubscription[TOPICS];
                CountDownLatch[] got = new CountDownLatch[TOPICS];
                for (int i = 0; i < TOPICS; i++) {
                  CountDownLatch latch = new CountDownLatch(50);
                  got[i] = latch;
                  subscriptions[i] = gateway.subscribe(specs[i], (stamp, p) -> latch.countDown());
                }
                for (int i = 0; i < TOPICS; i++) {
                  assertThat(got[i].await(20, TimeUnit.SECONDS))
                      .as("cycle %d topic %d: samples keep arriving", cycle, i)
                      .isTrue();
                  subscriptions[i].close();
                }
              }
            },
            "subscribe deadlocked against a streaming publisher");
      } finally {
        running.set(false);
        streamer.join(5000);
        for (BusPublisher publisher : publishers) {
          publisher.close();
        }
      }
    }
  }
}
