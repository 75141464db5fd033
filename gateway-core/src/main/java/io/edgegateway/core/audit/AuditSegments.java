package io.edgegateway.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an audit log continues at start. An intact log continues from its head. A broken one
 * (truncated, edited, records missing) is never rewritten: it is renamed to {@code
 * <name>.broken-<epoch ms>}, byte for byte as found, and the new log begins with a {@code
 * chain_break} record whose prev is the hash of its last good record and whose seq is past every
 * seq it holds.
 */
public final class AuditSegments {
  private static final Logger log = LoggerFactory.getLogger(AuditSegments.class);

  private AuditSegments() {}

  /**
   * Where to continue.
   *
   * @param seq the seq of the next record
   * @param prev the hash the next record follows
   * @param chainBreak the detail of the {@code chain_break} to write first; empty for an intact log
   */
  public record Continuation(long seq, String prev, Optional<Map<String, Object>> chainBreak) {}

  /** A verifier for the log files of {@code dir}. */
  public static AuditChain chain(Path dir, PublicKey key) {
    return new AuditChain(key, name -> read(dir.resolve(name)));
  }

  /** Verifies {@code file} (absent: an empty log) and renames it away when it is broken. */
  public static Continuation open(Path file, PublicKey key, long wallMillis) {
    Optional<byte[]> bytes = read(file);
    if (bytes.isEmpty()) {
      return new Continuation(1, AuditRecord.GENESIS, Optional.empty());
    }
    Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "dir");
    AuditVerification v = chain(dir, key).verify(bytes.get());
    if (v.intact()) {
      return new Continuation(v.lastGoodSeq() + 1, v.head(), Optional.empty());
    }
    Path broken = dir.resolve(file.getFileName() + ".broken-" + wallMillis);
    try {
      Files.move(file, broken); // a rename: the bytes stay as they were found
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + file + ": cannot keep it aside: " + e, e);
    }
    log.warn(
        "audit log {} is broken at seq {} ({}); kept as {}, a new segment starts",
        file,
        v.firstBadSeq().getAsLong(),
        v.reason(),
        broken.getFileName());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("file", broken.getFileName().toString());
    detail.put("first_bad_seq", v.firstBadSeq().getAsLong());
    detail.put("last_good_seq", v.lastGoodSeq());
    detail.put("reason", v.reason());
    long next = Math.max(v.lastGoodSeq(), v.maxSeqSeen()) + 1;
    return new Continuation(next, v.head(), Optional.of(detail));
  }

  static Optional<byte[]> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
    }
  }
}
