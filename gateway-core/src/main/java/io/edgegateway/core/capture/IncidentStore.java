package io.edgegateway.core.capture;

import io.edgegateway.core.Envelope;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable store of incidents: each incident's header from the moment it opens, and its samples
 * once sealed. What it returned from a call is durable (survives a crash) before the call returns.
 */
public interface IncidentStore extends AutoCloseable {

  /** Where the samples of an incident come from when it is sealed (the capture ring). */
  @FunctionalInterface
  interface SampleSource {
    /**
     * Hands every sample of the window to {@code sink}.
     *
     * @return receive time of the newest sample the source held when it began (0 if none)
     */
    long forEach(Consumer<Envelope> sink) throws IOException;
  }

  /** An iterator over stored samples that holds a read transaction until closed. */
  interface SampleCursor extends Iterator<Envelope>, AutoCloseable {
    @Override
    void close();
  }

  /** Inserts or replaces the header of an incident; durable on return. */
  void save(Incident incident);

  /**
   * Copies the incident's samples from {@code source} and marks it sealed, in one transaction: an
   * incident is never seen sealed without its samples.
   *
   * @param note empty, or why part of the window is missing (then the incident is incomplete)
   * @return the sealed incident with its counts per topic
   * @throws IOException when the source cannot be read (the incident stays {@code recording})
   */
  Incident seal(Incident incident, SampleSource source, String note) throws IOException;

  /** Every incident, newest first (at most {@code limit}). */
  List<Incident> list(int limit);

  /** One incident. */
  Optional<Incident> find(String id);

  /**
   * Sets the state of an incident (e.g. {@code uploading}); durable on return.
   *
   * @throws java.util.NoSuchElementException when there is no such incident
   */
  default Incident markState(String id, IncidentState state) {
    Incident found = find(id).orElseThrow(() -> new java.util.NoSuchElementException(id));
    Incident changed = found.withState(state);
    save(changed);
    return changed;
  }

  /** The incidents in {@code state}, oldest first. */
  default List<Incident> inState(IncidentState state) {
    List<Incident> all = new java.util.ArrayList<>(list(Integer.MAX_VALUE));
    java.util.Collections.reverse(all);
    return all.stream().filter(i -> i.state() == state).toList();
  }

  /** The incidents in {@code recording}, oldest first (at start: those a stop or crash left). */
  List<Incident> recording();

  /**
   * The samples of a sealed incident in receive-time order (ties by topic, then {@code seq}): the
   * input of the MCAP export. Close the cursor when done.
   *
   * @throws java.util.NoSuchElementException when there is no such incident
   */
  SampleCursor samples(String id);

  @Override
  void close();
}
