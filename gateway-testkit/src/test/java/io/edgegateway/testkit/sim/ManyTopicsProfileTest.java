package io.edgegateway.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.TrafficClass;
import io.edgegateway.testkit.sim.HumanoidProfile.TopicLoad;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ManyTopicsProfileTest {
  private final HumanoidProfile p = HumanoidProfile.manyTopics();

  @Test
  void has250TelemetryTopicsAtTenToHundredHertzWithDeterministicNames() {
    assertThat(p.topics()).hasSize(HumanoidProfile.MANY_TOPICS_COUNT).hasSize(250);
    assertThat(p.topics()).allMatch(t -> t.trafficClass() == TrafficClass.TELEMETRY);
    assertThat(p.topics()).allMatch(t -> t.rateHz() >= 10 && t.rateHz() <= 100);
    assertThat(p.topicNames().get(0)).isEqualTo("/robot/sensor_000/imu");
    assertThat(p.topicNames().get(249)).isEqualTo("/robot/sensor_249/float64");
    assertThat(HumanoidProfile.named("many-topics")).isEqualTo(p);
    assertThat(p.messagesPerSecond()).isEqualTo(10_250.0);
  }

  @Test
  void mixesElevenTypesEachAtEveryRate() {
    Set<String> types =
        p.topics().stream().map(t -> t.type().toString()).collect(Collectors.toSet());
    assertThat(types).hasSize(11);
    for (String type : types) {
      assertThat(
              p.topics().stream()
                  .filter(t -> t.type().toString().equals(type))
                  .map(TopicLoad::rateHz)
                  .collect(Collectors.toSet()))
          .as(type)
          .containsExactlyInAnyOrder(10.0, 20.0, 25.0, 50.0, 100.0);
    }
  }

  @Test
  void expectedSizesAreTheEncodedSamplesAndFitTheSampleLimit() {
    Map<String, Integer> limitByType = new HashMap<>();
    for (TopicLoad t : p.topics()) {
      byte[] sample = p.encoder(t).encode(t.topic(), 7, 1_700_000_000_123_456_789L);
      assertThat(sample.length)
          .as(t.topic())
          .isBetween(t.expectedSizeBytes() * 3 / 4, t.expectedSizeBytes() * 5 / 4);
      assertThat(sample.length).isLessThan(t.maxSampleBytes());
      // the bus fixes a type's largest sample on first use: every topic of a type agrees
      assertThat(limitByType.computeIfAbsent(t.type().toString(), k -> t.maxSampleBytes()))
          .as(t.topic())
          .isEqualTo(t.maxSampleBytes());
      assertThat(sample).startsWith(new byte[] {0, 1, 0, 0});
    }
  }
}
