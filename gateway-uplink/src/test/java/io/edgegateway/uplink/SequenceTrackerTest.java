package io.edgegateway.uplink;

import static io.edgegateway.uplink.SequenceTracker.Observation.DUPLICATE;
import static io.edgegateway.uplink.SequenceTracker.Observation.FIRST;
import static io.edgegateway.uplink.SequenceTracker.Observation.GAP;
import static io.edgegateway.uplink.SequenceTracker.Observation.NEXT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private final SequenceTracker tracker = new SequenceTracker();

  @Test
  void classifiesAgainstLargestSeenPerRobotAndStream() {
    assertThat(tracker.observe("r1", "telemetry", 5)).isEqualTo(FIRST);
    assertThat(tracker.observe("r1", "telemetry", 6)).isEqualTo(NEXT);
    assertThat(tracker.observe("r1", "telemetry", 6)).isEqualTo(DUPLICATE);
    assertThat(tracker.observe("r1", "telemetry", 9)).isEqualTo(GAP);
    assertThat(tracker.observe("r1", "telemetry", 7)).isEqualTo(DUPLICATE);
    assertThat(tracker.observe("r1", "telemetry", 10)).isEqualTo(NEXT);
    assertThat(tracker.observe("r2", "telemetry", 1)).isEqualTo(FIRST);
    assertThat(tracker.observe("r1", "events", 3)).isEqualTo(FIRST);
  }
}
