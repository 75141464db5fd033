package io.edgegateway.core.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The incidents still recording, and how a new request joins them: a window that overlaps a
 * recording incident's window merges into it (the union of both windows and topics, the trigger
 * appended to its list); otherwise it opens a new incident. A trigger that fired less than its
 * cooldown ago is ignored. Pure logic, no I/O: the caller persists what {@link #fire} returns and
 * seals what {@link #due} returns. Thread-safe.
 */
public final class IncidentTracker {
  /**
   * What a request did.
   *
   * @param incident the incident created or extended, to be saved
   * @param opened true when it is new, false when the request merged into it
   */
  public record Fired(Incident incident, boolean opened) {}

  private final Supplier<String> ids;
  private final Map<String, Incident> recording = new LinkedHashMap<>();
  private final Map<String, Long> lastFiredNs = new HashMap<>();

  /**
   * @param ids makes the id of each new incident
   */
  public IncidentTracker(Supplier<String> ids) {
    this.ids = ids;
  }

  /**
   * A request for the window {@code window}.
   *
   * @param trigger the trigger's name, or {@link Incident#MANUAL}
   * @param reason why, for a new incident
   * @param atNs when the trigger fired, for its cooldown
   * @param cooldownNs the trigger ignores firings less than this after its last one; 0 for none
   * @param topics the topics to keep; empty for all
   * @return the incident created or extended; empty when the cooldown suppressed the request
   */
  public synchronized Optional<Fired> fire(
      String trigger,
      String reason,
      long atNs,
      CaptureWindow window,
      Set<String> topics,
      long cooldownNs) {
    Long last = lastFiredNs.get(trigger);
    if (last != null && cooldownNs > 0 && atNs - last < cooldownNs) {
      return Optional.empty();
    }
    lastFiredNs.put(trigger, atNs);
    for (Incident open : recording.values()) {
      if (open.window().overlaps(window)) {
        Incident merged = merge(open, trigger, window, topics);
        recording.put(merged.id(), merged);
        return Optional.of(new Fired(merged, false));
      }
    }
    Incident created = Incident.recording(ids.get(), trigger, reason, window, topics);
    recording.put(created.id(), created);
    return Optional.of(new Fired(created, true));
  }

  private static Incident merge(
      Incident open, String trigger, CaptureWindow window, Set<String> topics) {
    CaptureWindow union = open.window().union(window);
    List<String> triggers = new ArrayList<>(open.triggers());
    if (!triggers.contains(trigger)) {
      triggers.add(trigger);
    }
    Set<String> keep;
    if (open.topics().isEmpty() || topics.isEmpty()) {
      keep = Set.of();
    } else {
      keep = new TreeSet<>(open.topics());
      keep.addAll(topics);
    }
    return new Incident(
        open.id(),
        triggers,
        open.reason(),
        open.state(),
        union.fromNs(),
        union.toNs(),
        keep,
        open.counts(),
        open.complete(),
        open.note());
  }

  /** Recording incidents whose window ended at or before {@code nowNs}, oldest first. */
  public synchronized List<Incident> due(long nowNs) {
    List<Incident> due = new ArrayList<>();
    for (Incident open : recording.values()) {
      if (open.toNs() <= nowNs) {
        due.add(open);
      }
    }
    return due;
  }

  /** The incident left {@code recording} (sealed, or given up); it no longer takes merges. */
  public synchronized void closed(String id) {
    recording.remove(id);
  }

  /** Adds a recording incident found in the store at start. */
  public synchronized void restore(Incident incident) {
    if (incident.state() != IncidentState.RECORDING) {
      throw new IllegalArgumentException(
          "state : " + incident.state().wireName() + " (expected: recording)");
    }
    recording.put(incident.id(), incident);
  }

  /** The incidents recording now, oldest first. */
  public synchronized List<Incident> recording() {
    return List.copyOf(recording.values());
  }
}
