package io.edgegateway.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.testkit.cdr.HumanoidMessages;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HumanoidSimulatorTest {
  private static final long WALL_START = 1_750_000_000_000_000_000L;
  private final HumanoidProfile profile = HumanoidProfile.humanoid1();

  @Test
  void steppedForOneSecondPublishesEachTopicAtItsRate() {
    RecordingBus bus = new RecordingBus(false);
    FakeClock clock = new FakeClock(WALL_START);
    try (HumanoidSimulator sim = new HumanoidSimulator(bus, profile, 1.0, clock)) {
      sim.open();
      sim.runOnce(clock.monotonicNanos());
      for (String topic : profile.topicNames()) {
        assertThat(sim.published(topic)).as(topic).isEqualTo(1);
      }
      clock.advance(Duration.ofSeconds(1));
      sim.runOnce(clock.monotonicNanos());
      for (TopicLoad load : profile.topics()) {
        long expected = (long) load.rateHz() + 1;
        assertThat(sim.published(load.topic())).as(load.topic()).isEqualTo(expected);
        assertThat(bus.publisherOf(load.topic()).count.get()).isEqualTo(expected);
      }
      assertThat(sim.totalPublished()).isEqualTo(7150 + 13);
      assertThat(sim.totalPublishedBytes())
          .isEqualTo(bus.publishers().values().stream().mapToLong(p -> p.bytes.get()).sum());
    }
  }

  @Test
  void irregularStepsNeitherDriftNorLoseSamples() {
    RecordingBus bus = new RecordingBus(false);
    FakeClock clock = new FakeClock(WALL_START);
    try (HumanoidSimulator sim = new HumanoidSimulator(bus, profile, 1.0, clock)) {
      sim.open();
      long start = clock.monotonicNanos();
      long end = start + 10_000_500_000L;
      SplittableRandom random = new SplittableRandom(7);
      while (clock.monotonicNanos() < end) {
        long step = Math.min(random.nextLong(100_000L, 20_000_000L), end - clock.monotonicNanos());
        clock.advanceNanos(step);
        sim.runOnce(clock.monotonicNanos());
      }
      for (TopicLoad load : profile.topics()) {
        assertThat(sim.published(load.topic()))
            .as(load.topic())
            .isEqualTo((long) (load.rateHz() * 10) + 1);
      }
    }
  }

  @Test
  void samplesAreEncodedAtTheirScheduledStamps() {
    RecordingBus bus = new RecordingBus(true);
    FakeClock clock = new FakeClock(WALL_START);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, clock).topics(Set.of("/cmd_vel", "/imu/torso"))) {
      sim.open();
      clock.advance(Duration.ofMillis(100));
      sim.runOnce(clock.monotonicNanos());
      List<byte[]> imu = bus.publisherOf("/imu/torso").payloads();
      assertThat(imu).hasSize(101);
      for (int n = 0; n < imu.size(); n++) {
        assertThat(imu.get(n))
            .isEqualTo(HumanoidMessages.imu("/imu/torso", n, WALL_START + n * 1_000_000L));
      }
      List<byte[]> twist = bus.publisherOf("/cmd_vel").payloads();
      assertThat(twist).hasSize(6);
      assertThat(twist.get(5))
          .isEqualTo(HumanoidMessages.twist("/cmd_vel", 5, WALL_START + 100_000_000L));
    }
  }

  @Test
  void publishesTheReferenceLoadAtRoughlyItsRatesInRealTime() {
    RecordingBus bus = new RecordingBus(false);
    long started = System.nanoTime();
    try (HumanoidSimulator sim = new HumanoidSimulator(bus, profile, 1.0, Clock.system())) {
      sim.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> sim.published("/cmd_vel") >= 50);
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String topic : profile.topicNames()) {
        counts.put(topic, sim.published(topic));
      }
      double elapsedSeconds = (System.nanoTime() - started) / 1e9;
      for (TopicLoad load : profile.topics()) {
        double expected = load.rateHz() * elapsedSeconds + 1;
        assertThat((double) counts.get(load.topic()))
            .as("%s over %.3f s", load.topic(), elapsedSeconds)
            .isBetween(expected * 0.7, expected * 1.3);
      }
      assertThat(sim.totalFailures()).isZero();
    }
  }

  @Test
  void publishesTenThousandSamplesPerSecondOnOneTopic() {
    RecordingBus bus = new RecordingBus(false);
    long started = System.nanoTime();
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 10.0, Clock.system()).topics(Set.of("/imu/torso"))) {
      assertThat(sim.effectiveRateHz("/imu/torso")).isEqualTo(10_000.0);
      sim.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> sim.published("/imu/torso") >= 5_000);
      long count = sim.published("/imu/torso");
      double elapsedSeconds = (System.nanoTime() - started) / 1e9;
      assertThat(count / elapsedSeconds).isBetween(7_000.0, 13_000.0);
    }
  }

  @Test
  void waitsForDeadlinesWithoutSpinningTheCpu() {
    RecordingBus bus = new RecordingBus(false);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, Clock.system()).topics(Set.of("/diagnostics"))) {
      sim.start();
      Thread worker =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("humanoid-sim"))
              .findFirst()
              .orElseThrow();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuBefore = threads.getThreadCpuTime(worker.getId());
      long before = sim.published("/diagnostics");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> sim.published("/diagnostics") >= before + 5);
      long cpuNanos = threads.getThreadCpuTime(worker.getId()) - cpuBefore;
      assertThat(Duration.ofNanos(cpuNanos)).isLessThan(Duration.ofMillis(100));
    }
  }

  @Test
  void closeStopsPublishingAndClosesThePublishers() {
    RecordingBus bus = new RecordingBus(false);
    HumanoidSimulator sim = new HumanoidSimulator(bus, profile, 1.0, Clock.system());
    sim.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.totalPublished() >= 1_000);
    sim.close();
    assertThat(sim.isRunning()).isFalse();
    assertThat(bus.publishers().values()).allSatisfy(p -> assertThat(p.closed).isTrue());
    long after = bus.total();
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> bus.total() == after && sim.totalPublished() == after);
    assertThat(bus.publishers().values()).allSatisfy(p -> assertThat(p.afterClose.get()).isZero());
    sim.close();
  }

  @Test
  void closeReturnsPromptlyWhileWaitingOnASlowTopic() {
    RecordingBus bus = new RecordingBus(false);
    HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 0.02, Clock.system()).topics(Set.of("/cmd_vel"));
    sim.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.published("/cmd_vel") >= 1);
    long before = System.nanoTime();
    sim.close();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
    assertThat(sim.published("/cmd_vel")).isEqualTo(1);
  }

  @Test
  void refusedSamplesAreCountedAsFailures() {
    RecordingBus bus = new RecordingBus(false);
    bus.refuseSamples(true);
    FakeClock clock = new FakeClock(WALL_START);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, clock).topics(Set.of("/diagnostics"))) {
      sim.open();
      clock.advance(Duration.ofSeconds(1));
      sim.runOnce(clock.monotonicNanos());
      assertThat(sim.failures("/diagnostics")).isEqualTo(11);
      assertThat(sim.totalFailures()).isEqualTo(11);
      assertThat(sim.published("/diagnostics")).isZero();
    }
  }

  @Test
  void fallingMoreThanASecondBehindSkipsTheBacklog() {
    RecordingBus bus = new RecordingBus(false);
    FakeClock clock = new FakeClock(WALL_START);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, clock).topics(Set.of("/cmd_vel"))) {
      sim.open();
      sim.runOnce(clock.monotonicNanos());
      clock.advance(Duration.ofSeconds(5));
      sim.runOnce(clock.monotonicNanos());
      assertThat(sim.skipped("/cmd_vel")).isEqualTo(249);
      assertThat(sim.published("/cmd_vel")).isEqualTo(2);
      clock.advance(Duration.ofMillis(100));
      sim.runOnce(clock.monotonicNanos());
      assertThat(sim.published("/cmd_vel")).isEqualTo(7);
    }
  }

  @Test
  void topicFilterCreatesPublishersOnlyForTheChosenTopics() {
    RecordingBus bus = new RecordingBus(false);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, new FakeClock(WALL_START))
            .topics(Set.of("/joint_commands", "/camera/head/compressed"))) {
      assertThat(sim.activeTopics()).containsExactly("/camera/head/compressed", "/joint_commands");
      sim.open();
      assertThat(bus.publishers().keySet())
          .containsExactlyInAnyOrder("/camera/head/compressed", "/joint_commands");
      assertThat(bus.publisherOf("/joint_commands").spec.qos()).isEqualTo(Qos.controlDefault());
      assertThat(bus.publisherOf("/joint_commands").spec.type())
          .isEqualTo(HumanoidMessages.JOINT_TRAJECTORY);
      assertThat(bus.publisherOf("/camera/head/compressed").spec.qos())
          .isEqualTo(Qos.telemetryDefault());
      assertThat(bus.publisherOf("/camera/head/compressed").spec.maxSampleBytes())
          .isEqualTo(256 * 1024);
    }
  }

  @Test
  void startWhenMatchedPublishesNothingUntilEveryPublisherMatchedItsSubscribers() throws Exception {
    RecordingBus bus = new RecordingBus(false);
    bus.matchedSubscribers(1);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, new FakeClock(WALL_START))) {
      CompletableFuture<Boolean> started = new CompletableFuture<>();
      Thread starter =
          new Thread(
              () -> {
                try {
                  started.complete(sim.startWhenMatched(2, Duration.ofSeconds(30)));
                } catch (Throwable t) {
                  started.completeExceptionally(t);
                }
              },
              "test-starter");
      starter.start();
      await().until(() -> bus.publishers().size() == profile.topics().size());
      await().until(() -> starter.getState() == Thread.State.TIMED_WAITING);
      assertThat(bus.total()).as("published before the second subscriber matched").isZero();
      assertThat(started).isNotDone();

      bus.matchedSubscribers(2);

      assertThat(started.get(10, TimeUnit.SECONDS)).isTrue();
      await().until(() -> bus.total() == profile.topics().size());
    }
  }

  @Test
  void startWhenMatchedPublishesAnywayWhenTheWaitTimesOutAndSaysSo() throws Exception {
    RecordingBus bus = new RecordingBus(false);
    bus.matchedSubscribers(0);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, new FakeClock(WALL_START))
            .topics(Set.of("/cmd_vel"))) {
      assertThat(sim.startWhenMatched(1, Duration.ofMillis(50))).isFalse();
      await().until(() -> sim.published("/cmd_vel") == 1);
    }
  }

  @Test
  void startWhenMatchedDoesNotWaitForABusThatDoesNotReportMatches() throws Exception {
    RecordingBus bus = new RecordingBus(false);
    try (HumanoidSimulator sim =
        new HumanoidSimulator(bus, profile, 1.0, new FakeClock(WALL_START))
            .topics(Set.of("/cmd_vel"))) {
      assertThat(sim.startWhenMatched(5, Duration.ofSeconds(30))).isTrue();
      await().until(() -> sim.published("/cmd_vel") == 1);
    }
  }

  @Test
  void invalidArgumentsAndLifecycleMisuseAreRejected() {
    RecordingBus bus = new RecordingBus(false);
    FakeClock clock = new FakeClock(WALL_START);
    assertThatThrownBy(() -> new HumanoidSimulator(bus, profile, 0, clock))
        .hasMessage("rateScale : 0.0 (expected: finite and > 0)");
    HumanoidSimulator sim = new HumanoidSimulator(bus, profile, 1.0, clock);
    assertThatThrownBy(() -> sim.topics(Set.of("/nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("topics : /nope (expected: one of [/joint_states,");
    assertThatThrownBy(() -> sim.published("/nope")).isInstanceOf(IllegalArgumentException.class);
    sim.open();
    assertThatThrownBy(sim::start).hasMessage("simulator : RUNNING (expected: NEW)");
    assertThatThrownBy(() -> sim.topics(Set.of("/cmd_vel")))
        .isInstanceOf(IllegalStateException.class);
    sim.close();
    sim.close();
    assertThatThrownBy(sim::start).hasMessage("simulator : CLOSED (expected: NEW)");
  }
}
