package io.edgegateway.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code capture} section: the full-rate capture ring and its triggers; off when absent.
 *
 * @param enabled whether the gateway captures at all (the section is present)
 * @param ringMaxBytes the ring's disk quota
 * @param ringMaxAge how long the ring keeps samples; the longest {@code pre + post}
 * @param ringPath the ring's directory; empty for {@code <data_dir>/capture}
 * @param triggers field conditions that open incidents, names unique
 */
public record CaptureSettings(
    boolean enabled,
    long ringMaxBytes,
    Duration ringMaxAge,
    Optional<Path> ringPath,
    List<TriggerSettings> triggers) {

  public CaptureSettings {
    CaptureSchema.RING_MAX_BYTES.check(ringMaxBytes);
    CaptureSchema.RING_MAX_AGE.check(ringMaxAge);
    Objects.requireNonNull(ringPath, "ringPath");
    triggers = List.copyOf(triggers);
    Set<String> names = new HashSet<>();
    for (TriggerSettings t : triggers) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException(
            "capture.triggers.name : " + t.name() + " (expected: unique names)");
      }
      if (t.pre().plus(t.post()).compareTo(ringMaxAge) > 0) {
        throw new IllegalArgumentException(
            "capture.triggers."
                + t.name()
                + " : pre + post "
                + Durations.format(t.pre().plus(t.post()))
                + " (expected: at most capture.ring.max_age "
                + Durations.format(ringMaxAge)
                + ")");
      }
    }
    if (!enabled && !triggers.isEmpty()) {
      throw new IllegalArgumentException("triggers : " + triggers + " (expected: none when off)");
    }
  }

  /** Capture off: no ring, no triggers. */
  public static CaptureSettings off() {
    return new CaptureSettings(
        false,
        CaptureSchema.RING_MAX_BYTES.defaultOrThrow(),
        CaptureSchema.RING_MAX_AGE.defaultOrThrow(),
        Optional.empty(),
        List.of());
  }

  /** Capture on with the ring's defaults and {@code triggers}. */
  public static CaptureSettings on(List<TriggerSettings> triggers) {
    return new CaptureSettings(
        true,
        CaptureSchema.RING_MAX_BYTES.defaultOrThrow(),
        CaptureSchema.RING_MAX_AGE.defaultOrThrow(),
        Optional.empty(),
        triggers);
  }

  /** This config with the ring's quota, age and directory replaced. */
  public CaptureSettings withRing(long maxBytes, Duration maxAge, Optional<Path> path) {
    return new CaptureSettings(enabled, maxBytes, maxAge, path, triggers);
  }

  /** The ring's directory: {@code ringPath}, else {@code <dataDir>/capture}. */
  public Path ringDirectory(Path dataDir) {
    return ringPath.orElse(dataDir.resolve("capture"));
  }
}
