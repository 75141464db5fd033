package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.DiscoveredTopic;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.testkit.dds.CyclonePeer;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CycloneTopicDiscovery} with the real {@code eg-discover} helper (the one this build
 * compiled, {@code target/native/eg-discover}) against Cyclone and Fast-DDS publishers (domain
 * {@link DdsDomains#forTest} of this class), and with stand-in helpers that fail.
 */
class CycloneTopicDiscoveryTest {
  private static final int DOMAIN = DdsDomains.forTest(CycloneTopicDiscoveryTest.class, 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration SHORT = Duration.ofMillis(20);

  private static CyclonePeer cyclone;
  private static Path helper;

  @BeforeAll
  static void build() throws IOException {
    cyclone = CyclonePeer.build(Path.of("target", "cyclone"));
    helper = DiscoverHelper.locate(); // the prebuilt one: surefire sets the property (pom.xml)
  }

  /** Events as text: {@code +/topic type} and {@code -/topic}. */
  private static final class Recorder implements TopicDiscovery.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void topicAppeared(DiscoveredTopic topic) {
      events.add("+" + topic.name() + " " + topic.type());
    }

    @Override
    public void topicVanished(DiscoveredTopic topic) {
      events.add("-" + topic.name());
    }
  }

  @Test
  void cyclonePublisherAppearsWithItsRosTypeAndVanishesWhenItExits() {
    String topic = DdsDomains.uniqueTopic("discovered");
    Recorder recorder = new Recorder();
    try (var discovery = new CycloneTopicDiscovery(DOMAIN, () -> helper, SHORT, SHORT)) {
      discovery.start(recorder);
      await().atMost(TIMEOUT).until(discovery::ready);
      // No reader ever matches: the publisher gives up after 2 s and exits (code 2).
      try (CycloneProcess publisher =
          cyclone.startPublisher(DOMAIN, topic, 1, "/unused", 0, Duration.ofSeconds(2))) {
        await()
            .atMost(TIMEOUT)
            .until(() -> recorder.events.contains("+" + topic + " " + RosSamples.STRING_TYPE));
        assertThat(discovery.topics())
            .contains(new DiscoveredTopic(topic, RosSamples.STRING_TYPE, 1, true));
        publisher.waitFor(TIMEOUT);
      }
      await().atMost(TIMEOUT).until(() -> recorder.events.contains("-" + topic));
      assertThat(discovery.topics()).extracting(DiscoveredTopic::name).doesNotContain(topic);
    }
  }

  @Test
  void theTypeHashAPublisherAnnouncesInUserDataIsReported() {
    String topic = DdsDomains.uniqueTopic("hashed");
    String hash = "RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18";
    Recorder recorder = new Recorder();
    try (var discovery = new CycloneTopicDiscovery(DOMAIN, () -> helper, SHORT, SHORT)) {
      discovery.start(recorder);
      await().atMost(TIMEOUT).until(discovery::ready);
      try (CycloneProcess publisher =
          cyclone.startPublisherWithUserData(
              DOMAIN, topic, 1, Duration.ofSeconds(2), "enclave=/;typehash=" + hash + ";")) {
        await()
            .atMost(TIMEOUT)
            .until(() -> recorder.events.contains("+" + topic + " " + RosSamples.STRING_TYPE));
        assertThat(discovery.topics())
            .contains(
                new DiscoveredTopic(topic, RosSamples.STRING_TYPE, 1, true, Optional.of(hash)));
        publisher.waitFor(TIMEOUT);
      }
    }
  }

  @Test
  void fastDdsPublisherAppears() {
    String topic = DdsDomains.uniqueTopic("fastdds");
    Recorder recorder = new Recorder();
    try (var discovery = new CycloneTopicDiscovery(DOMAIN, () -> helper, SHORT, SHORT);
        var bus = FastDdsBus.join(DOMAIN, "discovery_test")) {
      discovery.start(recorder);
      var spec =
          new SubscriptionSpec(
              topic, RosTypeName.parse(RosSamples.IMU_TYPE), Qos.telemetryDefault(), 1024);
      try (var publisher = bus.publisher(spec)) {
        await()
            .atMost(TIMEOUT)
            .until(() -> recorder.events.contains("+" + topic + " " + RosSamples.IMU_TYPE));
      }
      await().atMost(TIMEOUT).until(() -> recorder.events.contains("-" + topic));
    }
  }

  @Test
  void helperWithUnicastPeersStillDiscoversFastDdsPublishers() throws IOException {
    String topic = DdsDomains.uniqueTopic("peers");
    Recorder recorder = new Recorder();
    List<InetAddress> peers = List.of(InetAddress.getByName("127.0.0.1"));
    try (var discovery = new CycloneTopicDiscovery(DOMAIN, peers, () -> helper, SHORT, SHORT);
        var bus =
            FastDdsBus.join(
                new FastDdsBus.Options(DOMAIN, "discovery_peers_test", peers, false, false))) {
      discovery.start(recorder);
      var spec =
          new SubscriptionSpec(
              topic, RosTypeName.parse(RosSamples.STRING_TYPE), Qos.telemetryDefault(), 1024);
      try (var publisher = bus.publisher(spec)) {
        await()
            .atMost(TIMEOUT)
            .until(() -> recorder.events.contains("+" + topic + " " + RosSamples.STRING_TYPE));
      }
    }
  }

  @Test
  void peersAreAddedToTheInheritedCycloneConfig() throws IOException {
    List<InetAddress> peers = List.of(InetAddress.getByName("10.0.0.7"));
    String fragment =
        "<CycloneDDS><Domain id=\"any\"><Discovery><Peers><Peer address=\"10.0.0.7\"/></Peers>"
            + "<ParticipantIndex>auto</ParticipantIndex></Discovery></Domain></CycloneDDS>";
    assertThat(CycloneTopicDiscovery.cycloneUri(null, peers)).isEqualTo(fragment);
    assertThat(CycloneTopicDiscovery.cycloneUri("file:///etc/cyclone.xml", peers))
        .isEqualTo("file:///etc/cyclone.xml," + fragment);
    assertThat(CycloneTopicDiscovery.cycloneUri("file:///etc/cyclone.xml", List.of()))
        .isEqualTo("file:///etc/cyclone.xml");
  }

  @Test
  void unavailableHelperIsRetriedAndReportsNothing() {
    AtomicInteger attempts = new AtomicInteger();
    Recorder recorder = new Recorder();
    try (var discovery =
        new CycloneTopicDiscovery(
            DOMAIN,
            () -> {
              attempts.incrementAndGet();
              throw new IOException("no eg-discover helper configured");
            },
            SHORT,
            SHORT)) {
      discovery.start(recorder);
      await().atMost(TIMEOUT).until(() -> attempts.get() >= 3);
      assertThat(discovery.ready()).isFalse();
      assertThat(discovery.topics()).isEmpty();
      assertThat(recorder.events).isEmpty();
    }
  }

  @Test
  void crashingHelperReleasesItsTopicsAndIsRestarted(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("fake-discover");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "printf 'ready\\n+\\tw1\\tp1\\trt/fake\\tstd_msgs::msg::dds_::String_\\n'\n"
            + "printf '+\\tw2\\tp1\\trq/svcRequest\\tx::srv::dds_::Svc_Request_\\n'\n"
            + "echo 'segfault, say' >&2\n"
            + "exit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Recorder recorder = new Recorder();
    try (var discovery = new CycloneTopicDiscovery(DOMAIN, () -> script, SHORT, SHORT)) {
      discovery.start(recorder);
      await().atMost(TIMEOUT).until(() -> recorder.events.size() >= 4);
      assertThat(List.copyOf(recorder.events).subList(0, 4))
          .containsExactly(
              "+/fake std_msgs/msg/String", "-/fake", "+/fake std_msgs/msg/String", "-/fake");
    }
  }
}
