package io.edgegateway.core;

import java.util.Locale;

/** What a topic carries, which decides the path its samples take through the gateway. */
public enum TrafficClass {
  /** Relayed on the fast path; never waits for telemetry. */
  CONTROL,
  TELEMETRY,
  PERCEPTION,
  DIAGNOSTICS;

  /** The config spelling of this class, e.g. {@code telemetry}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
