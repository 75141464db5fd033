package io.edgegateway.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.DiscoverHelper;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-gateway topics} against a real bus: a Fast-DDS publisher in this JVM writes an Imu
 * topic at 50 Hz on this class's domain ({@link DdsDomains#forTest}).
 */
class TopicsCommandTest {
  private static final int DOMAIN = DdsDomains.forTest(TopicsCommandTest.class, 0);
  private static final String TOPIC = DdsDomains.uniqueTopic("topics_imu");

  private static FastDdsBus bus;
  private static BusPublisher publisher;
  private static ScheduledExecutorService ticker;

  @BeforeAll
  static void publish() {
    bus = FastDdsBus.join(DOMAIN, "topics_test_publisher");
    publisher =
        bus.publisher(
            new SubscriptionSpec(
                TOPIC, RosTypeName.parse(RosSamples.IMU_TYPE), Qos.telemetryDefault(), 1024));
    AtomicInteger i = new AtomicInteger();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "topics-test-ticker");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          byte[] sample = RosSamples.cycloneImu(i.getAndIncrement());
          publisher.publish(sample, sample.length);
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stop() {
    ticker.shutdownNow();
    bus.close();
  }

  @Test
  void jsonListsTheTopicWithTypePublishersAndObservedRate() throws Exception {
    CliRun run =
        CliRun.of("topics", "--domain", Integer.toString(DOMAIN), "--seconds", "3", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode line =
        run.out()
            .lines()
            .map(TopicsCommandTest::parse)
            .filter(n -> n.get("name").asText().equals(TOPIC))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line for " + TOPIC + " in " + run.out()));
    assertThat(line.get("type").asText()).isEqualTo("sensor_msgs/msg/Imu");
    assertThat(line.get("publishers").asInt()).isEqualTo(1);
    assertThat(line.get("ros").asBoolean()).isTrue();
    assertThat(line.get("samples").asLong()).isGreaterThan(10);
    assertThat(line.get("rate_hz").asDouble()).isBetween(35.0, 65.0);
  }

  @Test
  void tableHasAHeaderAndOneRowPerTopic() {
    CliRun run = CliRun.of("topics", "--domain", Integer.toString(DOMAIN), "--seconds", "2");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).matches("TOPIC +TYPE +PUBLISHERS +RATE_HZ"));
    assertThat(run.out().lines().filter(l -> l.startsWith(TOPIC + " ")))
        .singleElement()
        .satisfies(l -> assertThat(l).matches("\\S+ +sensor_msgs/msg/Imu +1 +\\d+\\.\\d"));
  }

  @Test
  void rejectsAnOutOfRangeListenWindow() {
    CliRun run = CliRun.of("topics", "--seconds", "0");
    assertThat(run.exit()).isEqualTo(EdgeGatewayCli.EXIT_USAGE);
    assertThat(run.err()).contains("--seconds: 0 (expected: 1..3600)");
  }

  @Test
  void missingHelperIsAClearErrorNotACompilerRun(@TempDir Path dir) {
    String configured = System.getProperty(DiscoverHelper.PROPERTY, "");
    Path missing = dir.resolve("no-such-helper");
    System.setProperty(DiscoverHelper.PROPERTY, missing.toString());
    try {
      CliRun run = CliRun.of("topics", "--domain", Integer.toString(DOMAIN), "--seconds", "1");
      assertThat(run.exit()).isEqualTo(EdgeGatewayCli.EXIT_FAILURE);
      assertThat(run.err().strip())
          .isEqualTo(
              "edge-gateway: discovery unavailable: eg-discover helper "
                  + missing
                  + " (from system property edge-gateway.discover.helper) does not exist");
    } finally {
      System.setProperty(DiscoverHelper.PROPERTY, configured);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
