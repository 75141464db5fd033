package io.edgegateway.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record, one JSON line: {@code {"seq","ts","kind","actor","detail","prev","hash"}} in
 * that order, where {@code hash} is the SHA-256 (lower-case hex) of the canonical JSON of the
 * record without {@code hash} ({@link #canonical}) and {@code prev} the hash of the record before
 * ({@link #GENESIS} for the first).
 *
 * @param seq 1, 2, ... without gaps along the chain
 * @param ts when it was appended, ISO-8601 UTC ({@code Instant.toString} of epoch milliseconds)
 */
public record AuditRecord(
    long seq,
    String ts,
    String kind,
    String actor,
    Map<String, Object> detail,
    String prev,
    String hash) {
  /** The {@code prev} of the first record of a chain: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final List<String> KEYS =
      List.of("seq", "ts", "kind", "actor", "detail", "prev", "hash");

  public AuditRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(hash, "hash");
  }

  /** A new record after the one whose hash is {@code prev}; computes its hash. */
  public static AuditRecord create(
      long seq, long wallMillis, String kind, String actor, Map<String, ?> detail, String prev) {
    String ts = Instant.ofEpochMilli(wallMillis).toString();
    Map<String, Object> d = new LinkedHashMap<>(detail);
    String canonical = canonical(seq, ts, kind, actor, d, prev);
    return new AuditRecord(seq, ts, kind, actor, d, prev, sha256(canonical));
  }

  /** The canonical JSON of this record without {@code hash}: what {@code hash} is computed over. */
  public String canonical() {
    return canonical(seq, ts, kind, actor, detail, prev);
  }

  /** The line in the file, without the newline. */
  public String line() {
    String c = canonical();
    return c.substring(0, c.length() - 1) + ",\"hash\":\"" + hash + "\"}";
  }

  /** Whether {@code hash} is the hash of this record. */
  public boolean hashMatches() {
    return sha256(canonical()).equals(hash);
  }

  private static String canonical(
      long seq, String ts, String kind, String actor, Map<String, Object> detail, String prev) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"seq\":").append(seq).append(",\"ts\":");
    AuditJson.string(out, ts);
    out.append(",\"kind\":");
    AuditJson.string(out, kind);
    out.append(",\"actor\":");
    AuditJson.string(out, actor);
    out.append(",\"detail\":");
    AuditJson.write(out, detail);
    out.append(",\"prev\":");
    AuditJson.string(out, prev);
    return out.append('}').toString();
  }

  /**
   * Reads one line; it must be exactly the canonical line of the record it holds ({@link #line}),
   * byte for byte; the hash is not checked here ({@link #hashMatches}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static AuditRecord parse(String line) {
    if (!(AuditJson.parse(line) instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (!List.copyOf(map.keySet()).equals(KEYS)) {
      throw new IllegalArgumentException("keys " + map.keySet() + " (expected: " + KEYS + ")");
    }
    if (!(map.get("seq") instanceof Long seq)
        || !(map.get("ts") instanceof String ts)
        || !(map.get("kind") instanceof String kind)
        || !(map.get("actor") instanceof String actor)
        || !(map.get("detail") instanceof Map<?, ?> detail)
        || !(map.get("prev") instanceof String prev)
        || !(map.get("hash") instanceof String hash)) {
      throw new IllegalArgumentException("a field has the wrong type");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    detail.forEach((k, v) -> d.put((String) k, v));
    AuditRecord record = new AuditRecord(seq, ts, kind, actor, d, prev, hash);
    if (!record.line().equals(line)) {
      throw new IllegalArgumentException("not in canonical form");
    }
    return record;
  }

  /** SHA-256 of the UTF-8 of {@code text}, lower-case hex. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
