package io.edgegateway.testkit.dds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CyclonePeerTest {
  private static final Path WORK_DIR = Path.of("target", "cyclone");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void secondBuildReusesTheFirst() throws IOException {
    CyclonePeer first = CyclonePeer.build(WORK_DIR);
    CyclonePeer second = CyclonePeer.build(WORK_DIR);
    assertThat(second.directory()).isEqualTo(first.directory());
    assertThat(first.directory().resolve("publisher")).isExecutable();
    assertThat(first.directory().resolve("subscriber")).isExecutable();
  }

  @Test
  void publisherReachesSubscriber() throws IOException {
    CyclonePeer peer = CyclonePeer.build(WORK_DIR);
    int domain = DdsDomains.forTest(CyclonePeerTest.class, 0);
    String topic = DdsDomains.uniqueTopic("chatter");
    try (CycloneProcess subscriber = peer.startSubscriber(domain, topic, 5, TIMEOUT, false);
        CycloneProcess publisher =
            peer.startPublisher(domain, topic, 5, DdsDomains.uniqueTopic("imu"), 0, TIMEOUT)) {
      assertThat(publisher.waitFor(TIMEOUT)).as("%s", publisher).isZero();
      assertThat(subscriber.waitFor(TIMEOUT)).as("%s", subscriber).isZero();
      assertThat(publisher.stdoutLines()).containsExactly("matched", "published 5 0", "acked");
      List<String> expected =
          Stream.concat(Stream.of("ready"), IntStream.range(0, 5).mapToObj(RosSamples::stringData))
              .toList();
      assertThat(subscriber.stdoutLines()).containsExactlyElementsOf(expected);
    }
  }
}
