package io.edgegateway.core.capture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One incident: a window of time whose samples are kept out of the capture ring, because a trigger
 * fired or an operator asked ({@code POST /v1/captures}).
 *
 * @param id unique id
 * @param triggers the names of every trigger that fired into this window, first first; {@code
 *     manual} for an operator's request
 * @param reason why: the operator's reason, or the condition of the first trigger
 * @param state where it is in its life
 * @param fromNs window start, receive time in ns since the epoch (inclusive)
 * @param toNs window end (inclusive)
 * @param topics the topics it keeps; empty for every captured topic
 * @param counts samples kept per topic (known once sealed)
 * @param complete false when part of the window is known to be missing (see {@code note})
 * @param note why it is incomplete; empty when complete
 */
public record Incident(
    String id,
    List<String> triggers,
    String reason,
    IncidentState state,
    long fromNs,
    long toNs,
    Set<String> topics,
    Map<String, Long> counts,
    boolean complete,
    String note) {
  /** The trigger name of an operator's request. */
  public static final String MANUAL = "manual";

  public Incident {
    Objects.requireNonNull(id, "id");
    triggers = List.copyOf(triggers);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("triggers : [] (expected: at least one)");
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(state, "state");
    if (toNs < fromNs) {
      throw new IllegalArgumentException(
          "window : " + fromNs + ".." + toNs + " (expected: from <= to)");
    }
    topics = Set.copyOf(new TreeSet<>(topics));
    counts = Map.copyOf(new LinkedHashMap<>(counts));
    Objects.requireNonNull(note, "note");
  }

  /** A new incident in {@code recording}, complete so far, nothing counted. */
  public static Incident recording(
      String id, String trigger, String reason, CaptureWindow window, Set<String> topics) {
    return new Incident(
        id,
        List.of(trigger),
        reason,
        IncidentState.RECORDING,
        window.fromNs(),
        window.toNs(),
        topics,
        Map.of(),
        true,
        "");
  }

  /** The first trigger: what {@code GET /v1/captures} shows as {@code trigger}. */
  public String trigger() {
    return triggers.get(0);
  }

  /** The window. */
  public CaptureWindow window() {
    return new CaptureWindow(fromNs, toNs);
  }

  /** Whether the incident keeps samples of {@code topic}. */
  public boolean keeps(String topic) {
    return topics.isEmpty() || topics.contains(topic);
  }

  /** Total samples kept. */
  public long samples() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** This incident in {@code state}. */
  public Incident withState(IncidentState state) {
    return new Incident(id, triggers, reason, state, fromNs, toNs, topics, counts, complete, note);
  }

  /**
   * This incident sealed with {@code counts}; incomplete with {@code note} when it is not empty.
   */
  public Incident sealed(Map<String, Long> counts, String note) {
    return new Incident(
        id,
        triggers,
        reason,
        IncidentState.SEALED,
        fromNs,
        toNs,
        topics,
        counts,
        complete && note.isEmpty(),
        note.isEmpty() ? this.note : note);
  }
}
