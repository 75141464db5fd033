package io.edgegateway.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Incident windows: merging of overlapping windows, cooldown, due incidents, restore. */
class IncidentTrackerTest {
  private static final long S = 1_000_000_000L;
  private final AtomicInteger ids = new AtomicInteger();
  private final IncidentTracker tracker = new IncidentTracker(() -> "inc-" + ids.incrementAndGet());

  private Optional<IncidentTracker.Fired> fire(String trigger, long atS, long preS, long postS) {
    return tracker.fire(
        trigger,
        "why " + trigger,
        atS * S,
        CaptureWindow.around(atS * S, Duration.ofSeconds(preS), Duration.ofSeconds(postS)),
        Set.of(),
        0);
  }

  @Test
  void overlappingWindowsMergeIntoOneIncidentListingEveryTrigger() {
    IncidentTracker.Fired first = fire("fall", 100, 20, 10).orElseThrow();
    IncidentTracker.Fired second = fire("force", 105, 20, 10).orElseThrow();
    IncidentTracker.Fired manual = fire(Incident.MANUAL, 112, 5, 30).orElseThrow();

    assertThat(first.opened()).isTrue();
    assertThat(second.opened()).isFalse();
    assertThat(manual.opened()).isFalse();
    Incident merged = manual.incident();
    assertThat(merged.id()).isEqualTo("inc-1");
    assertThat(merged.triggers()).containsExactly("fall", "force", Incident.MANUAL);
    assertThat(merged.trigger()).isEqualTo("fall");
    assertThat(merged.reason()).isEqualTo("why fall");
    assertThat(merged.window()).isEqualTo(new CaptureWindow(80 * S, 142 * S));
    assertThat(tracker.recording()).hasSize(1);
  }

  @Test
  void disjointWindowsAreSeparateIncidents() {
    fire("fall", 100, 20, 10);
    IncidentTracker.Fired later = fire("fall", 200, 20, 10).orElseThrow();
    assertThat(later.opened()).isTrue();
    assertThat(tracker.recording()).extracting(Incident::id).containsExactly("inc-1", "inc-2");
  }

  @Test
  void cooldownSuppressesRepeatedFiringsOfOneTriggerOnly() {
    CaptureWindow w = CaptureWindow.around(100 * S, Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(tracker.fire("fall", "r", 100 * S, w, Set.of(), 60 * S)).isPresent();
    assertThat(tracker.fire("fall", "r", 159 * S, w, Set.of(), 60 * S)).isEmpty();
    assertThat(tracker.fire("force", "r", 120 * S, w, Set.of(), 60 * S)).isPresent();
    assertThat(tracker.fire("fall", "r", 160 * S, w, Set.of(), 60 * S)).isPresent();
  }

  @Test
  void topicsUnionAndAllWins() {
    CaptureWindow w = new CaptureWindow(0, 10 * S);
    tracker.fire("a", "r", 0, w, Set.of("/a"), 0);
    Incident both = tracker.fire("b", "r", 0, w, Set.of("/b"), 0).orElseThrow().incident();
    assertThat(both.topics()).containsExactlyInAnyOrder("/a", "/b");
    Incident all = tracker.fire("c", "r", 0, w, Set.of(), 0).orElseThrow().incident();
    assertThat(all.topics()).isEmpty();
    assertThat(all.keeps("/anything")).isTrue();
  }

  @Test
  void dueListsIncidentsWhosePostWindowEnded() {
    fire("fall", 100, 20, 10);
    fire("fall", 300, 20, 10);
    assertThat(tracker.due(109 * S)).isEmpty();
    assertThat(tracker.due(110 * S)).extracting(Incident::id).containsExactly("inc-1");
    tracker.closed("inc-1");
    assertThat(tracker.due(1000 * S)).extracting(Incident::id).containsExactly("inc-2");
    assertThat(fire("fall", 105, 1, 1).orElseThrow().opened())
        .as("a closed incident takes no merges")
        .isTrue();
  }

  @Test
  void restoredIncidentsTakeMergesAgain() {
    Incident left = Incident.recording("old", "fall", "r", new CaptureWindow(0, 50 * S), Set.of());
    tracker.restore(left);
    assertThat(fire("force", 40, 1, 1).orElseThrow().incident().id()).isEqualTo("old");
  }

  @Test
  void sealingKeepsTheIncompleteNote() {
    Incident left =
        new Incident(
            "x",
            java.util.List.of("fall"),
            "r",
            IncidentState.RECORDING,
            0,
            1,
            Set.of(),
            java.util.Map.of(),
            false,
            "gap");
    Incident sealed = left.sealed(java.util.Map.of("/a", 3L), "");
    assertThat(sealed.state()).isEqualTo(IncidentState.SEALED);
    assertThat(sealed.complete()).isFalse();
    assertThat(sealed.note()).isEqualTo("gap");
    assertThat(sealed.samples()).isEqualTo(3);
  }
}
