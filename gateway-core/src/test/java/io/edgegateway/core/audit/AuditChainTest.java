package io.edgegateway.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private static final KeyPair KEYS = AuditKeys.generate();
  private static final AuditChain CHAIN = new AuditChain(KEYS.getPublic(), n -> Optional.empty());

  @Test
  void anIntactLogVerifiesWithItsHead() {
    List<String> lines = AuditLogs.lines(12, KEYS);
    AuditVerification v = CHAIN.verify(AuditLogs.bytes(lines));
    assertThat(v.intact()).isTrue();
    assertThat(v.good()).hasSize(12);
    assertThat(v.head()).isEqualTo(AuditRecord.parse(lines.get(11)).hash());
    assertThat(v.summary()).isEqualTo("verified 12 records, head " + v.head());
  }

  @Test
  void anEmptyLogIsIntact() {
    assertThat(CHAIN.verify(new byte[0]).summary())
        .isEqualTo("verified 0 records, head " + AuditRecord.GENESIS);
  }

  @Test
  void aCheckpointSignedWithAnotherKeyFailsAtThatCheckpoint() {
    byte[] bytes = AuditLogs.bytes(AuditLogs.lines(12, AuditKeys.generate()));
    AuditVerification v = CHAIN.verify(bytes);
    assertThat(v.firstBadSeq()).hasValue(5);
    assertThat(v.reason()).contains("signature");
    // without a key only the heads are checked
    assertThat(new AuditChain(null, n -> Optional.empty()).verify(bytes).intact()).isTrue();
  }

  @Test
  void aTruncatedLastLineIsBadAtItsSeq() {
    byte[] bytes = AuditLogs.bytes(AuditLogs.lines(7, KEYS));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 10);
    AuditVerification v = CHAIN.verify(cut);
    assertThat(v.firstBadSeq()).hasValue(7);
    assertThat(v.reason()).contains("truncated");
    assertThat(v.maxSeqSeen()).isEqualTo(6);
  }

  @Test
  void canonicalFormMatchesJqCompactOutputByConstruction() {
    StringBuilder out = new StringBuilder();
    AuditJson.write(out, java.util.Map.of("b", List.of(1L, true), "a", "x\u0001\u007f\"\\\n/é"));
    assertThat(out.toString()).isEqualTo("{\"a\":\"x\\u0001\\u007f\\\"\\\\\\n/é\",\"b\":[1,true]}");
    assertThat(AuditJson.parse(out.toString()))
        .isEqualTo(java.util.Map.of("b", List.of(1L, true), "a", "x\u0001\u007f\"\\\n/é"));
  }

  @Property(tries = 300)
  void anySingleByteChangeIsDetectedAtTheRecordItHits(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    List<String> lines = AuditLogs.lines(n, KEYS);
    byte[] bytes = AuditLogs.bytes(lines);
    int at = where % bytes.length;
    bytes[at] = (byte) (bytes[at] ^ xor);
    AuditVerification v = CHAIN.verify(bytes);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).hasValue(recordAt(lines, at));
  }

  @Property(tries = 200)
  void anyDeletedInsertedOrSwappedRecordIsDetectedAtItsPosition(@ForAll("edits") Edit edit) {
    List<String> lines = new ArrayList<>(AuditLogs.lines(edit.n(), KEYS));
    int i = edit.index();
    switch (edit.op()) {
      case 0 -> lines.remove(i); // i < n - 1: a cut tail is the Kafka copy's job
      case 1 -> lines.add(i, lines.get(edit.other())); // a copy of some record
      default -> {
        String a = lines.get(i);
        lines.set(i, lines.get(i + 1));
        lines.set(i + 1, a);
      }
    }
    AuditVerification v = CHAIN.verify(AuditLogs.bytes(lines));
    assertThat(v.intact()).isFalse();
    // a record inserted before itself is a good record there; its original is then the bad one
    long expected = edit.op() == 1 && edit.other() == i ? i + 2L : i + 1L;
    assertThat(v.firstBadSeq()).hasValue(expected);
  }

  record Edit(int n, int op, int index, int other) {}

  @Provide
  Arbitrary<Edit> edits() {
    return Arbitraries.integers()
        .between(2, 30)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, n - 2),
                        Arbitraries.integers().between(0, n - 1))
                    .as((op, index, other) -> new Edit(n, op, index, other)));
  }

  /** The seq of the record whose line holds byte {@code at} (its newline included). */
  private static long recordAt(List<String> lines, int at) {
    int offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
      if (at < offset) {
        return i + 1;
      }
    }
    throw new AssertionError("byte " + at + " is past the log");
  }
}
