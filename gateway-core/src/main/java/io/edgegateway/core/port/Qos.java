package io.edgegateway.core.port;

import java.util.Objects;

/**
 * DDS quality of service for one subscription or publication.
 *
 * @param reliability best effort or reliable
 * @param durability volatile or transient local
 * @param history keep last (bounded by {@code depth}) or keep all
 * @param depth history depth, at least 1
 */
public record Qos(Reliability reliability, Durability durability, History history, int depth) {

  public enum Reliability {
    BEST_EFFORT,
    RELIABLE
  }

  public enum Durability {
    VOLATILE,
    TRANSIENT_LOCAL
  }

  public enum History {
    KEEP_LAST,
    KEEP_ALL
  }

  public Qos {
    Objects.requireNonNull(reliability, "reliability");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(history, "history");
    if (depth < 1) {
      throw new IllegalArgumentException("depth : " + depth + " (expected: >= 1)");
    }
  }

  /** Telemetry default: best effort, volatile, keep last 10; never back-pressures a publisher. */
  public static Qos telemetryDefault() {
    return new Qos(Reliability.BEST_EFFORT, Durability.VOLATILE, History.KEEP_LAST, 10);
  }

  /** Control default: reliable, volatile, keep last 10. */
  public static Qos controlDefault() {
    return new Qos(Reliability.RELIABLE, Durability.VOLATILE, History.KEEP_LAST, 10);
  }
}
