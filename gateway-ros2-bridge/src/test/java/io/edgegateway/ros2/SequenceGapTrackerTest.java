package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import us.ihmc.pubsub.common.Guid;

/** What {@link SequenceGapTracker} counts as lost between two of a writer's sequence numbers. */
class SequenceGapTrackerTest {

  private static Guid writer(long high, long low) {
    Guid guid = new Guid();
    guid.fromPrimitives(high, low);
    return guid;
  }

  @Test
  void firstSampleOfAWriterSetsItsBaselineAndTellsWhatWasWrittenBeforeTheMatch() {
    SequenceGapTracker tracker = new SequenceGapTracker();

    assertThat(tracker.observe(writer(1, 1), 500)).isZero();
    assertThat(tracker.beforeFirst()).as("samples 1..499 went out before the match").isEqualTo(499);
    assertThat(tracker.observe(writer(1, 1), 501)).isZero();
    assertThat(tracker.beforeFirst()).isZero();
    assertThat(tracker.observe(writer(2, 2), 1)).isZero();
    assertThat(tracker.beforeFirst()).as("a writer matched from its first sample").isZero();
  }

  @Test
  void missingSequenceNumbersAreCountedPerWriter() {
    SequenceGapTracker tracker = new SequenceGapTracker();
    Guid a = writer(1, 1);
    Guid b = writer(2, 2);
    tracker.observe(a, 1);
    tracker.observe(b, 10);

    assertThat(tracker.observe(a, 4)).isEqualTo(2);
    assertThat(tracker.observe(b, 11)).isZero();
    assertThat(tracker.observe(b, 20)).isEqualTo(8);
    assertThat(tracker.writers()).isEqualTo(2);
  }

  @Test
  void duplicatesAndReorderedSamplesCountNothingAndKeepTheHighestSeen() {
    SequenceGapTracker tracker = new SequenceGapTracker();
    Guid a = writer(1, 1);
    tracker.observe(a, 5);
    tracker.observe(a, 8);

    assertThat(tracker.observe(a, 7)).isZero();
    assertThat(tracker.observe(a, 8)).isZero();
    assertThat(tracker.observe(a, 9)).isZero();
  }

  @Test
  void aReusedGuidInstanceIsCopiedWhenFirstSeen() {
    SequenceGapTracker tracker = new SequenceGapTracker();
    Guid reused = writer(1, 1);
    tracker.observe(reused, 1);
    reused.fromPrimitives(2, 2);
    tracker.observe(reused, 100);

    reused.fromPrimitives(1, 1);
    assertThat(tracker.observe(reused, 3)).isEqualTo(1);
  }

  @Test
  void theWriterTableIsBounded() {
    SequenceGapTracker tracker = new SequenceGapTracker();
    for (int i = 0; i < SequenceGapTracker.MAX_WRITERS + 10; i++) {
      tracker.observe(writer(i, i), 1);
    }

    assertThat(tracker.writers()).isLessThanOrEqualTo(SequenceGapTracker.MAX_WRITERS);
    tracker.observe(writer(3, 3), 50);
    assertThat(tracker.beforeFirst())
        .as("after the table was cleared a writer may be one seen before: nothing is claimed")
        .isZero();
  }
}
