package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.sampling.Sampler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntakeTest {
  private static final TopicRoute[] ROUTES = {
    route("/imu", 5), route("/joint_states", 7), route("/camera", 2)
  };

  private static TopicRoute route(String topic, int priority) {
    return new TopicRoute(
        topic, RosTypeName.parse("std_msgs/msg/String"), "telemetry", priority, Sampler.keepAll());
  }

  private static Envelope envelope(TopicRoute route, long seq, byte[] payload) {
    return new Envelope(route.topic(), "std_msgs/msg/String", 0, 0, seq, payload);
  }

  /**
   * A model check of the ring and its one reused holder: random offers and polls (the ring wraps
   * many times) hand out every accepted sample exactly once, in offer order, with its own route and
   * its own bytes, and reject exactly the offers that would exceed either bound.
   */
  @Property(tries = 200)
  void pollsReturnEveryAcceptedSampleOnceInOrderWithItsOwnRouteAndBytes(
      @ForAll @IntRange(min = 1, max = 8) int maxSamples,
      @ForAll @IntRange(min = 1, max = 64) int maxBytes,
      @ForAll long seed)
      throws InterruptedException {
    Random random = new Random(seed);
    Intake intake = new Intake(maxSamples, maxBytes);
    Intake.Item item = new Intake.Item();
    Deque<Envelope> model = new ArrayDeque<>();
    Deque<TopicRoute> modelRoutes = new ArrayDeque<>();
    Deque<byte[]> modelBytes = new ArrayDeque<>();
    long modelSize = 0;
    long seq = 0;
    for (int op = 0; op < 300; op++) {
      if (random.nextInt(3) > 0) {
        TopicRoute r = ROUTES[random.nextInt(ROUTES.length)];
        byte[] payload = new byte[random.nextInt(20)];
        random.nextBytes(payload);
        Envelope e = envelope(r, ++seq, payload);
        boolean fits = model.size() < maxSamples && modelSize + payload.length <= maxBytes;
        assertThat(intake.offer(r, e)).isEqualTo(fits);
        if (fits) {
          model.add(e);
          modelRoutes.add(r);
          modelBytes.add(payload.clone());
          modelSize += payload.length;
        }
      } else {
        boolean took = intake.poll(0, 1 + random.nextInt(100), item);
        assertThat(took).isEqualTo(!model.isEmpty());
        if (took) {
          Envelope expected = model.poll();
          assertThat(item.envelope()).isSameAs(expected);
          assertThat(item.route()).isSameAs(modelRoutes.poll());
          assertThat(item.envelope().payload()).isEqualTo(modelBytes.poll());
          modelSize -= expected.size();
        }
      }
      assertThat(intake.size()).isEqualTo(model.size());
    }
  }

  @Test
  void aConsumerWaitingForBytesIsWokenOnlyOnceTheIntakeHoldsThem() throws Exception {
    Intake intake = new Intake(1000, 1 << 20);
    Intake.Item item = new Intake.Item();
    AtomicBoolean returned = new AtomicBoolean();
    Thread consumer =
        new Thread(
            () -> {
              try {
                intake.poll(TimeUnit.SECONDS.toNanos(30), 1000, item);
                returned.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-consumer");
    consumer.start();
    intake.offer(ROUTES[0], envelope(ROUTES[0], 1, new byte[600]));
    // the consumer stays asleep below its threshold: it still holds nothing after the offer
    assertThat(item.offeredNanos()).isZero();
    intake.offer(ROUTES[1], envelope(ROUTES[1], 2, new byte[400]));
    await().atMost(Duration.ofSeconds(10)).untilTrue(returned);
    consumer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(item.envelope().seq()).isEqualTo(1);
    assertThat(intake.size()).isEqualTo(1);
  }

  @Test
  void aConsumerWaitingForBytesIsWokenWhenHalfTheSampleCapacityIsUsed() throws Exception {
    Intake intake = new Intake(4, 1 << 20);
    Intake.Item item = new Intake.Item();
    AtomicBoolean returned = new AtomicBoolean();
    Thread consumer =
        new Thread(
            () -> {
              try {
                intake.poll(TimeUnit.SECONDS.toNanos(30), 1 << 20, item);
                returned.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-consumer");
    consumer.start();
    intake.offer(ROUTES[0], envelope(ROUTES[0], 1, new byte[1]));
    intake.offer(ROUTES[0], envelope(ROUTES[0], 2, new byte[1]));
    await().atMost(Duration.ofSeconds(10)).untilTrue(returned);
    consumer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(item.envelope().seq()).isEqualTo(1);
  }

  @Test
  void eachSampleCarriesTheMonotonicTimeItWasOffered() throws InterruptedException {
    long[] now = {1_000};
    Intake intake =
        new Intake(
            10,
            1000,
            new io.edgegateway.core.port.Clock() {
              @Override
              public long wallNanos() {
                return 0;
              }

              @Override
              public long monotonicNanos() {
                return now[0];
              }
            });
    intake.offer(ROUTES[0], envelope(ROUTES[0], 1, new byte[1]));
    now[0] = 5_000;
    intake.offer(ROUTES[0], envelope(ROUTES[0], 2, new byte[1]));
    Intake.Item item = new Intake.Item();
    long[] offered = new long[2];
    for (int i = 0; i < 2; i++) {
      assertThat(intake.poll(0, item)).isTrue();
      offered[i] = item.offeredNanos();
    }
    assertThat(Arrays.stream(offered).boxed()).containsExactly(1_000L, 5_000L);
  }
}
