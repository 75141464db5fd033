package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link FastDdsBus} with Fast-DDS shared memory on ({@code ros2.shared_memory}): same-host
 * Fast-DDS participants exchange samples through {@code /dev/shm}, and a Cyclone DDS peer, which
 * cannot open Fast-DDS segments, still exchanges them over UDP. Domains: {@link DdsDomains#forTest}
 * with this class (0 for Fast-DDS pairs, 1 for Cyclone); random topic names.
 */
class FastDdsSharedMemoryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Qos LATCHED =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.TRANSIENT_LOCAL, Qos.History.KEEP_LAST, 50);
  private static final Qos RELIABLE_KEEP_ALL =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 1000);
  private static final RosTypeName STRING = RosTypeName.parse(RosSamples.STRING_TYPE);

  private static FastDdsBus.Options shm(int domain, String nodeName) {
    return new FastDdsBus.Options(domain, nodeName, List.of(), false, true)
        .withSocketBufferBytes(4 << 20);
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void sharedMemoryBusesOnOneHostExchangeSamplesAndMapFastDdsSegments() throws IOException {
    int domain = DdsDomains.forTest(FastDdsSharedMemoryTest.class, 0);
    SubscriptionSpec spec =
        new SubscriptionSpec(DdsDomains.uniqueTopic("shm_chatter"), STRING, LATCHED, 256);
    List<byte[]> received = new CopyOnWriteArrayList<>();
    try (FastDdsBus writerSide = FastDdsBus.join(shm(domain, "shm_writer"));
        FastDdsBus readerSide = FastDdsBus.join(shm(domain, "shm_reader"));
        BusPublisher publisher = writerSide.publisher(spec);
        BusSubscription subscription = readerSide.subscribe(spec, (t, p) -> received.add(p))) {
      await().atMost(TIMEOUT).until(() -> publisher.matchedSubscribers() >= 1);
      for (int n = 0; n < 50; n++) {
        byte[] sample = RosSamples.cycloneString(n);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }
      await().atMost(TIMEOUT).until(() -> received.size() >= 50);
      assertThat(fastDdsSegments()).as("Fast-DDS segments in /dev/shm").isNotEmpty();
    }
    assertThat(received)
        .containsExactlyElementsOf(
            IntStream.range(0, 50).mapToObj(RosSamples::cycloneString).toList());
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void cycloneCannotUseSharedMemorySoSamplesGoBothWaysOverUdp() throws IOException {
    int domain = DdsDomains.forTest(FastDdsSharedMemoryTest.class, 1);
    CyclonePeer cyclone = CyclonePeer.build(Path.of("target", "cyclone"));
    String fromCyclone = DdsDomains.uniqueTopic("shm_from_cyclone");
    String imu = DdsDomains.uniqueTopic("shm_imu");
    String toCyclone = DdsDomains.uniqueTopic("shm_to_cyclone");
    List<byte[]> strings = new CopyOnWriteArrayList<>();
    try (FastDdsBus bus = FastDdsBus.join(shm(domain, "shm_gateway"));
        var s =
            bus.subscribe(
                new SubscriptionSpec(fromCyclone, STRING, RELIABLE_KEEP_ALL, 1024),
                (t, p) -> strings.add(p));
        CycloneProcess publisher = cyclone.startPublisher(domain, fromCyclone, 100, imu, 0)) {
      await().atMost(TIMEOUT).until(() -> strings.size() >= 100 || publisher.failed());
      assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
      assertThat(strings)
          .containsExactlyElementsOf(
              IntStream.range(0, 100).mapToObj(RosSamples::cycloneString).toList());

      try (BusPublisher out =
          bus.publisher(new SubscriptionSpec(toCyclone, STRING, LATCHED, 1024))) {
        for (int n = 0; n < 50; n++) {
          byte[] sample = RosSamples.stringCdr(n);
          assertThat(out.publish(sample, sample.length)).isTrue();
        }
        try (CycloneProcess subscriber =
            cyclone.startSubscriber(domain, toCyclone, 50, TIMEOUT, true)) {
          assertThat(subscriber.waitFor(TIMEOUT)).as("%s", subscriber).isZero();
          assertThat(subscriber.stdoutLines())
              .containsExactlyElementsOf(
                  Stream.concat(
                          Stream.of("ready"),
                          IntStream.range(0, 50).mapToObj(RosSamples::stringData))
                      .toList());
        }
      }
    }
  }

  private static List<Path> fastDdsSegments() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("fastrtps_")).toList();
    }
  }
}
