package io.edgegateway.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies an audit log file's bytes: every line is a canonical record ({@link AuditRecord#parse})
 * whose hash matches, whose seq is the one before plus one and whose prev is the hash of the one
 * before; each checkpoint names the hash before it and carries a good signature; the file ends with
 * a newline. The first record is either seq 1 after {@link AuditRecord#GENESIS}, or a {@code
 * chain_break} that continues the good prefix of the log file it names (verified the same way).
 */
public final class AuditChain {
  private final @Nullable PublicKey key;
  private final Function<String, Optional<byte[]>> siblings;

  /**
   * @param key checks checkpoint signatures; null to check only their heads
   * @param siblings the bytes of another log file of the same directory, by file name, for a {@code
   *     chain_break}; empty when it does not exist
   */
  public AuditChain(@Nullable PublicKey key, Function<String, Optional<byte[]>> siblings) {
    this.key = key;
    this.siblings = siblings;
  }

  /** Verifies {@code bytes}, a whole log file. */
  public AuditVerification verify(byte[] bytes) {
    return verify(bytes, 0);
  }

  private AuditVerification verify(byte[] bytes, int depth) {
    List<AuditRecord> good = new ArrayList<>();
    String head = AuditRecord.GENESIS;
    long maxSeq = 0;
    String bad = "";
    int start = 0;
    while (start < bytes.length && bad.isEmpty()) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        bad = "truncated last line (no newline)";
        break;
      }
      AuditRecord r;
      try {
        r = AuditRecord.parse(utf8(bytes, start, end - start));
      } catch (IllegalArgumentException e) {
        bad = "not a canonical record: " + e.getMessage();
        break;
      }
      maxSeq = Math.max(maxSeq, r.seq());
      bad = problem(r, good, head, depth);
      if (bad.isEmpty()) {
        good.add(r);
        head = r.hash();
        start = end + 1;
      }
    }
    if (bad.isEmpty()) {
      return new AuditVerification(good, head, OptionalLong.empty(), "", maxSeq);
    }
    maxSeq = Math.max(maxSeq, scanMaxSeq(bytes, start));
    long expected = good.isEmpty() ? 1 : good.get(good.size() - 1).seq() + 1;
    return new AuditVerification(good, head, OptionalLong.of(expected), bad, maxSeq);
  }

  /** Why {@code r} does not follow {@code good}; empty when it does. */
  private String problem(AuditRecord r, List<AuditRecord> good, String head, int depth) {
    if (!r.hashMatches()) {
      return "hash does not match the record";
    }
    if (good.isEmpty()) {
      if (r.kind().equals(AuditKind.CHAIN_BREAK.wireName())) {
        return segmentProblem(r, depth);
      }
      if (r.seq() != 1 || !r.prev().equals(AuditRecord.GENESIS)) {
        return "first record is seq " + r.seq() + " (expected: seq 1 or a chain_break)";
      }
    } else {
      long expected = good.get(good.size() - 1).seq() + 1;
      if (r.seq() != expected) {
        return "seq " + r.seq() + " (expected: " + expected + ")";
      }
      if (!r.prev().equals(head)) {
        return "prev is not the hash of seq " + (expected - 1);
      }
      if (r.kind().equals(AuditKind.CHAIN_BREAK.wireName())) {
        return "chain_break inside a segment";
      }
    }
    if (r.kind().equals(AuditKind.CHECKPOINT.wireName())) {
      return checkpointProblem(r);
    }
    return "";
  }

  private String checkpointProblem(AuditRecord r) {
    if (!(r.detail().get("head") instanceof String signedHead)
        || !(r.detail().get("sig") instanceof String sig)) {
      return "checkpoint without head and sig";
    }
    if (!signedHead.equals(r.prev())) {
      return "checkpoint head is not the hash before it";
    }
    PublicKey k = key;
    if (k != null && !AuditKeys.verify(k, signedHead, sig)) {
      return "checkpoint signature does not verify with key " + AuditKeys.keyId(k);
    }
    return "";
  }

  private String segmentProblem(AuditRecord r, int depth) {
    if (!(r.detail().get("file") instanceof String file)
        || !(r.detail().get("last_good_seq") instanceof Long lastGood)) {
      return "chain_break without file and last_good_seq";
    }
    if (depth > 64 || file.contains("/")) {
      return "chain_break names " + file + " (expected: a file of this directory)";
    }
    Optional<byte[]> before = siblings.apply(file);
    if (before.isEmpty()) {
      return "chain_break continues " + file + ", which is missing";
    }
    AuditVerification prior = verify(before.get(), depth + 1);
    if (prior.lastGoodSeq() < lastGood) {
      return "chain_break continues seq "
          + lastGood
          + " of "
          + file
          + ", which verifies only to "
          + prior.lastGoodSeq();
    }
    String hash =
        lastGood == 0
            ? AuditRecord.GENESIS
            : prior.good().stream()
                .filter(g -> g.seq() == lastGood)
                .map(AuditRecord::hash)
                .findFirst()
                .orElse("");
    if (!hash.equals(r.prev())) {
      return "chain_break prev is not the hash of seq " + lastGood + " of " + file;
    }
    return "";
  }

  private static long scanMaxSeq(byte[] bytes, int from) {
    long max = 0;
    int start = from;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      try {
        max = Math.max(max, AuditRecord.parse(utf8(bytes, start, end - start)).seq());
      } catch (IllegalArgumentException e) {
        // not a record: nothing to learn from it
      }
      start = end + 1;
    }
    return max;
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8");
    }
  }
}
