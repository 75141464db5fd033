package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FastDdsBus} against a foreign DDS implementation: Cyclone DDS C programs from the testkit.
 * Domains: {@link DdsDomains#forTest} with this class (index 0 for the shared bus, 1 for the bus of
 * the type-size test); every test uses fresh random topic names.
 */
class FastDdsBusInteropTest {
  private static final int DOMAIN = DdsDomains.forTest(FastDdsBusInteropTest.class, 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final RosTypeName STRING = RosTypeName.parse(RosSamples.STRING_TYPE);
  private static final RosTypeName IMU = RosTypeName.parse(RosSamples.IMU_TYPE);
  private static final Qos RELIABLE_KEEP_ALL =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 1000);
  private static final long ONE_SECOND_NS = 1_000_000_000L;

  private static CyclonePeer cyclone;
  private static FastDdsBus bus;

  private record Received(long sourceStampNs, byte[] payload) {}

  @BeforeAll
  static void joinBus() throws IOException {
    cyclone = CyclonePeer.build(Path.of("target", "cyclone"));
    bus = FastDdsBus.join(DOMAIN, "interop_test");
  }

  @AfterAll
  static void leaveBus() {
    if (bus != null) {
      bus.close();
    }
  }

  private static SubscriptionSpec spec(String topic, RosTypeName type, int maxSampleBytes) {
    return new SubscriptionSpec(topic, type, RELIABLE_KEEP_ALL, maxSampleBytes);
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void cycloneSamplesArriveByteIdenticalWithSourceStamps() {
    String chatter = DdsDomains.uniqueTopic("chatter");
    String imu = DdsDomains.uniqueTopic("imu");
    List<Received> strings = new CopyOnWriteArrayList<>();
    List<Received> imus = new CopyOnWriteArrayList<>();
    long startNs = System.currentTimeMillis() * 1_000_000L;
    try (var s =
            bus.subscribe(spec(chatter, STRING, 1024), (t, p) -> strings.add(new Received(t, p)));
        var i = bus.subscribe(spec(imu, IMU, 1024), (t, p) -> imus.add(new Received(t, p)));
        CycloneProcess publisher = cyclone.startPublisher(DOMAIN, chatter, 200, imu, 200)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> strings.size() >= 200 && imus.size() >= 200 || publisher.failed());
      assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
    }
    long endNs = System.currentTimeMillis() * 1_000_000L;

    assertThat(strings).hasSize(200);
    assertThat(imus).hasSize(200);
    for (int n = 0; n < 200; n++) {
      assertThat(strings.get(n).payload())
          .as("string %d", n)
          .isEqualTo(RosSamples.cycloneString(n));
      assertThat(imus.get(n).payload()).as("imu %d", n).isEqualTo(RosSamples.cycloneImu(n));
    }
    assertThat(Stream.concat(strings.stream(), imus.stream()).mapToLong(Received::sourceStampNs))
        .allSatisfy(
            stamp -> assertThat(stamp).isBetween(startNs - ONE_SECOND_NS, endNs + ONE_SECOND_NS));
  }

  @Test
  void publishedSamplesReachCycloneSubscriber() {
    String chatter = DdsDomains.uniqueTopic("chatter");
    Qos latched =
        new Qos(
            Qos.Reliability.RELIABLE, Qos.Durability.TRANSIENT_LOCAL, Qos.History.KEEP_LAST, 50);
    try (BusPublisher publisher =
        bus.publisher(new SubscriptionSpec(chatter, STRING, latched, 1024))) {
      for (int n = 0; n < 50; n++) {
        byte[] sample = RosSamples.stringCdr(n);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }
      try (CycloneProcess subscriber =
          cyclone.startSubscriber(DOMAIN, chatter, 50, TIMEOUT, true)) {
        assertThat(subscriber.waitFor(TIMEOUT)).as("%s", subscriber).isZero();
        assertThat(subscriber.stdoutLines())
            .containsExactlyElementsOf(
                Stream.concat(
                        Stream.of("ready"), IntStream.range(0, 50).mapToObj(RosSamples::stringData))
                    .toList());
      }
    }
  }

  @Test
  void handlerFailuresAreContainedAndDeliveryContinues() {
    String chatter = DdsDomains.uniqueTopic("chatter");
    AtomicInteger calls = new AtomicInteger();
    List<byte[]> kept = new CopyOnWriteArrayList<>();
    try (FastDdsSubscription subscription =
            (FastDdsSubscription)
                bus.subscribe(
                    spec(chatter, STRING, 1024),
                    (t, p) -> {
                      if (calls.getAndIncrement() % 2 == 0) {
                        throw new IllegalStateException("handler failure under test");
                      }
                      kept.add(p);
                    });
        CycloneProcess publisher =
            cyclone.startPublisher(DOMAIN, chatter, 20, DdsDomains.uniqueTopic("imu"), 0)) {
      await().atMost(TIMEOUT).until(() -> calls.get() >= 20 || publisher.failed());
      assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
      assertThat(subscription.handlerFailures()).isEqualTo(10);
      assertThat(subscription.delivered()).isEqualTo(10);
    }
    assertThat(kept)
        .containsExactlyElementsOf(
            IntStream.range(0, 20)
                .filter(n -> n % 2 == 1)
                .mapToObj(RosSamples::cycloneString)
                .toList());
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void samplesAboveSubscriptionLimitAreDroppedAndCounted() {
    String roomy = DdsDomains.uniqueTopic("imu_roomy");
    String tight = DdsDomains.uniqueTopic("imu_tight");
    List<byte[]> received = new CopyOnWriteArrayList<>();
    try (var registersLargeType = bus.subscribe(spec(roomy, IMU, 1024), (t, p) -> {});
        FastDdsSubscription subscription =
            (FastDdsSubscription) bus.subscribe(spec(tight, IMU, 100), (t, p) -> received.add(p));
        CycloneProcess publisher =
            cyclone.startPublisher(DOMAIN, DdsDomains.uniqueTopic("chatter"), 0, tight, 5)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> subscription.droppedOversize() >= 5 || publisher.failed());
      assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
      assertThat(subscription.droppedOversize()).isEqualTo(5);
    }
    assertThat(received).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void samplesAboveRegisteredTypeSizeAreDroppedByFastDdsWithoutStallingTheWriter() {
    String chatter = DdsDomains.uniqueTopic("chatter");
    String imu = DdsDomains.uniqueTopic("imu");
    List<byte[]> strings = new CopyOnWriteArrayList<>();
    List<byte[]> imus = new CopyOnWriteArrayList<>();
    try (FastDdsBus fresh =
        FastDdsBus.join(DdsDomains.forTest(FastDdsBusInteropTest.class, 1), "type_size_test")) {
      int domain = fresh.options().domainId();
      try (FastDdsSubscription subscription =
              (FastDdsSubscription) fresh.subscribe(spec(imu, IMU, 64), (t, p) -> imus.add(p));
          var s = fresh.subscribe(spec(chatter, STRING, 1024), (t, p) -> strings.add(p));
          CycloneProcess publisher = cyclone.startPublisher(domain, chatter, 5, imu, 5)) {
        assertThatThrownBy(
                () -> fresh.subscribe(spec(DdsDomains.uniqueTopic("imu"), IMU, 1024), (t, p) -> {}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(
                "maxSampleBytes : 1024 for sensor_msgs/msg/Imu (expected: <= 64, the size fixed");
        await().atMost(TIMEOUT).until(() -> strings.size() >= 5 || publisher.failed());
        assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
        assertThat(subscription.delivered()).isZero();
      }
    }
    assertThat(strings).hasSize(5);
    assertThat(imus).isEmpty();
  }
}
