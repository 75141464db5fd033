package io.edgegateway.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link AuditChain#verify} found.
 *
 * @param good the records that verified, in order (the whole log when intact)
 * @param head the hash of the last good record; {@link AuditRecord#GENESIS} when there is none
 * @param firstBadSeq the seq where the log stops being the chain: the seq the first bad line should
 *     have had (the last good seq + 1); empty when intact
 * @param reason why that line is bad; empty when intact
 * @param maxSeqSeen the highest seq of any line that parsed, good or not (0 if none)
 */
public record AuditVerification(
    List<AuditRecord> good, String head, OptionalLong firstBadSeq, String reason, long maxSeqSeen) {
  public AuditVerification {
    good = List.copyOf(good);
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(firstBadSeq, "firstBadSeq");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether every line verified. */
  public boolean intact() {
    return firstBadSeq.isEmpty();
  }

  /** The seq of the last good record; 0 when there is none. */
  public long lastGoodSeq() {
    return good.isEmpty() ? 0 : good.get(good.size() - 1).seq();
  }

  /** {@code verified N records, head H} or {@code tampered at seq S: why}. */
  public String summary() {
    return intact()
        ? "verified " + good.size() + " records, head " + head
        : "tampered at seq " + firstBadSeq.getAsLong() + ": " + reason;
  }
}
