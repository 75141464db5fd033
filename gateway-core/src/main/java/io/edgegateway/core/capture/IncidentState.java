package io.edgegateway.core.capture;

import java.util.Locale;

/**
 * Where an incident is in its life: {@code recording} while its post window runs, then {@code
 * sealed} once its samples are copied out of the ring into the incident store, then {@code
 * uploading} once its batches and manifest are in the durable queue, and {@code uploaded} once the
 * uplink committed its manifest (the last of its records).
 */
public enum IncidentState {
  RECORDING,
  SEALED,
  UPLOADING,
  UPLOADED;

  /** The name in JSON and in the store, e.g. {@code recording}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state of a {@link #wireName}. */
  public static IncidentState ofWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
