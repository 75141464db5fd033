package io.edgegateway.core.capture;

import io.edgegateway.core.audit.AuditJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The last record of an incident's upload: what the incident is and what its batches hold, so a
 * consumer can tell it has all of it (docs/capture.md, "Manifest"). Encoded as canonical JSON
 * (UTF-8, keys sorted, no spaces), the value of a record with header {@code eg-record:
 * incident-manifest}.
 *
 * @param incidentId the incident
 * @param robotId the robot
 * @param triggers every trigger that fired into the window, first first
 * @param reason the operator's reason or the first trigger's condition
 * @param fromNs window start, receive time, ns since the epoch
 * @param toNs window end
 * @param counts samples uploaded per topic
 * @param batches batches of samples before the manifest
 * @param firstBatchSeq {@code batch_seq} of the first of them (0 when there is none)
 * @param lastBatchSeq {@code batch_seq} of the last of them (0 when there is none)
 * @param complete false when part of the window is known to be missing
 * @param gaps why it is incomplete; empty when complete
 * @param sha256 {@link IncidentChecksum} of the samples, lower-case hex
 */
public record IncidentManifest(
    String incidentId,
    String robotId,
    List<String> triggers,
    String reason,
    long fromNs,
    long toNs,
    Map<String, Long> counts,
    long batches,
    long firstBatchSeq,
    long lastBatchSeq,
    boolean complete,
    String gaps,
    String sha256) {
  /** The manifest format's version, {@code version} in the JSON. */
  public static final long VERSION = 1;

  public IncidentManifest {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(robotId, "robotId");
    triggers = List.copyOf(triggers);
    Objects.requireNonNull(reason, "reason");
    counts = Map.copyOf(new TreeMap<>(counts));
    Objects.requireNonNull(gaps, "gaps");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Total samples. */
  public long samples() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The canonical JSON, UTF-8. */
  public byte[] toJson() {
    Map<String, Object> window = new LinkedHashMap<>();
    window.put("from_ns", fromNs);
    window.put("to_ns", toNs);
    Map<String, Object> seqs = new LinkedHashMap<>();
    seqs.put("first", firstBatchSeq);
    seqs.put("last", lastBatchSeq);
    Map<String, Object> checksum = new LinkedHashMap<>();
    checksum.put("algorithm", "sha256");
    checksum.put("covers", IncidentChecksum.COVERS);
    checksum.put("value", sha256);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("record", "incident-manifest");
    m.put("version", VERSION);
    m.put("incident_id", incidentId);
    m.put("robot_id", robotId);
    m.put("triggers", triggers);
    m.put("reason", reason);
    m.put("window", window);
    m.put("counts", new TreeMap<>(counts));
    m.put("samples", samples());
    m.put("batches", batches);
    m.put("batch_seqs", seqs);
    m.put("complete", complete);
    m.put("gaps", gaps);
    m.put("checksum", checksum);
    StringBuilder out = new StringBuilder();
    AuditJson.write(out, m);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses {@link #toJson}.
   *
   * @throws IllegalArgumentException when {@code json} is not a manifest of this version
   */
  public static IncidentManifest parse(byte[] json) {
    try {
      return parseObject(json);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("incident manifest : a field has the wrong type", e);
    }
  }

  private static IncidentManifest parseObject(byte[] json) {
    Object parsed = AuditJson.parse(new String(json, StandardCharsets.UTF_8));
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("incident manifest : not a JSON object");
    }
    if (!"incident-manifest".equals(m.get("record"))
        || !Long.valueOf(VERSION).equals(m.get("version"))) {
      throw new IllegalArgumentException(
          "incident manifest : record "
              + m.get("record")
              + " version "
              + m.get("version")
              + " (expected: incident-manifest version "
              + VERSION
              + ")");
    }
    Map<?, ?> window = map(m, "window");
    Map<?, ?> seqs = map(m, "batch_seqs");
    Map<?, ?> checksum = map(m, "checksum");
    Map<String, Long> counts = new TreeMap<>();
    map(m, "counts").forEach((k, v) -> counts.put(String.valueOf(k), (Long) v));
    List<String> triggers = ((List<?>) get(m, "triggers")).stream().map(String::valueOf).toList();
    return new IncidentManifest(
        (String) get(m, "incident_id"),
        (String) get(m, "robot_id"),
        triggers,
        (String) get(m, "reason"),
        (Long) get(window, "from_ns"),
        (Long) get(window, "to_ns"),
        counts,
        (Long) get(m, "batches"),
        (Long) get(seqs, "first"),
        (Long) get(seqs, "last"),
        (Boolean) get(m, "complete"),
        (String) get(m, "gaps"),
        (String) get(checksum, "value"));
  }

  private static Map<?, ?> map(Map<?, ?> m, String key) {
    if (!(get(m, key) instanceof Map<?, ?> v)) {
      throw new IllegalArgumentException("incident manifest : " + key + " is not an object");
    }
    return v;
  }

  private static Object get(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("incident manifest : " + key + " missing");
    }
    return v;
  }
}
