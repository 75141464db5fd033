package io.edgegateway.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.port.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {
  @TempDir Path dir;

  private List<AuditRecord> records(Path file) throws Exception {
    AuditVerification v =
        AuditSegments.chain(dir, AuditKeys.readPublic(dir.resolve("audit.key")))
            .verify(Files.readAllBytes(file));
    assertThat(v.intact()).as(v.summary()).isTrue();
    return v.good();
  }

  private FileAuditLog open(KeyPair keys) {
    return FileAuditLog.open(
        dir.resolve("audit.log"), keys, Clock.system(), new SimpleMeterRegistry());
  }

  @Test
  void theKeyIsMadeOnFirstUseOwnerOnlyAndReadBackTheSame() throws Exception {
    Path keyFile = dir.resolve("audit.key");
    KeyPair made = AuditKeys.loadOrCreate(keyFile);
    assertThat(Files.getPosixFilePermissions(keyFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    KeyPair read = AuditKeys.loadOrCreate(keyFile);
    assertThat(read.getPublic().getEncoded()).isEqualTo(made.getPublic().getEncoded());
    String sig = AuditKeys.sign(read.getPrivate(), "head");
    assertThat(AuditKeys.verify(made.getPublic(), "head", sig)).isTrue();
    assertThat(AuditKeys.verify(AuditKeys.generate().getPublic(), "head", sig)).isFalse();
    assertThat(AuditKeys.publicPem(made.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void recordsAreChainedAcrossRestartsWithCheckpointsEveryHundredAndAtClose() throws Exception {
    KeyPair keys = AuditKeys.loadOrCreate(dir.resolve("audit.key"));
    Path file = dir.resolve("audit.log");
    try (FileAuditLog log = open(keys)) {
      for (int i = 0; i < 150; i++) {
        log.append(AuditKind.RELOAD, "test", Map.of("i", i));
      }
    }
    try (FileAuditLog log = open(keys)) {
      log.append(AuditKind.STOP, "test", Map.of());
    }
    List<AuditRecord> all = records(file);
    List<String> kinds = all.stream().map(AuditRecord::kind).toList();
    assertThat(kinds.get(100)).isEqualTo("checkpoint"); // after 100 records
    assertThat(kinds.get(151)).isEqualTo("checkpoint"); // at the first close
    assertThat(kinds.subList(152, kinds.size())).containsExactly("stop", "checkpoint");
    assertThat(all.get(all.size() - 1).seq()).isEqualTo(all.size());
  }

  @Test
  void aTruncatedLogAtStartIsKeptAsFoundAndANewSegmentAuditsTheBreak() throws Exception {
    KeyPair keys = AuditKeys.loadOrCreate(dir.resolve("audit.key"));
    Path file = dir.resolve("audit.log");
    try (FileAuditLog log = open(keys)) {
      for (int i = 0; i < 5; i++) {
        log.append(AuditKind.RELOAD, "test", Map.of("i", i));
      }
    }
    byte[] whole = Files.readAllBytes(file); // 5 records and a checkpoint
    byte[] cut = Arrays.copyOf(whole, whole.length - 20);
    Files.write(file, cut);
    try (FileAuditLog log = open(keys)) {
      log.append(AuditKind.START, "test", Map.of());
    }
    Path broken;
    try (Stream<Path> files = Files.list(dir)) {
      broken =
          files
              .filter(p -> p.getFileName().toString().startsWith("audit.log.broken-"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(Files.readAllBytes(broken)).isEqualTo(cut); // evidence untouched
    List<AuditRecord> next = records(file);
    AuditRecord chainBreak = next.get(0);
    assertThat(chainBreak.kind()).isEqualTo("chain_break");
    assertThat(chainBreak.detail())
        .containsEntry("file", broken.getFileName().toString())
        .containsEntry("first_bad_seq", 6L)
        .containsEntry("last_good_seq", 5L);
    assertThat(chainBreak.seq()).isEqualTo(6);
    assertThat(chainBreak.prev())
        .isEqualTo(
            AuditRecord.parse(
                    new String(whole, java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .toList()
                        .get(4))
                .hash());
    assertThat(next.stream().map(AuditRecord::kind))
        .containsExactly("chain_break", "start", "checkpoint");

    // the kept file is evidence: deleting it makes the new segment fail to verify
    Files.delete(broken);
    AuditVerification v =
        AuditSegments.chain(dir, keys.getPublic()).verify(Files.readAllBytes(file));
    assertThat(v.firstBadSeq()).hasValue(1);
    assertThat(v.reason()).contains("missing");
  }

  @Test
  void anEditedLogAtStartIsKeptAndTheBreakNamesTheFirstBadSeq() throws Exception {
    KeyPair keys = AuditKeys.loadOrCreate(dir.resolve("audit.key"));
    Path file = dir.resolve("audit.log");
    try (FileAuditLog log = open(keys)) {
      for (int i = 0; i < 5; i++) {
        log.append(AuditKind.AUTH_FAILURE, "test", Map.of("route", "/v1/reload" + i));
      }
    }
    String text = Files.readString(file).replace("/v1/reload2", "/v1/reloaX");
    Files.writeString(file, text);
    try (FileAuditLog log = open(keys)) {
      log.append(AuditKind.START, "test", Map.of());
    }
    AuditRecord chainBreak = records(file).get(0);
    assertThat(chainBreak.detail())
        .containsEntry("first_bad_seq", 3L)
        .containsEntry("last_good_seq", 2L);
    assertThat(chainBreak.seq()).isEqualTo(7); // past every seq of the kept file
  }

  @Test
  void appendsToAFullQueueAreCountedAndRecordedAsAGapNeverSilently() throws Exception {
    KeyPair keys = AuditKeys.loadOrCreate(dir.resolve("audit.key"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (FileAuditLog log =
        FileAuditLog.openPaused(dir.resolve("audit.log"), keys, Clock.system(), registry, 2)) {
      for (int i = 0; i < 5; i++) {
        log.append(AuditKind.AUTH_FAILURE, "test", Map.of("i", i));
      }
      assertThat(registry.get("gateway.audit.dropped").counter().count()).isEqualTo(3);
      log.startWriting();
    }
    List<AuditRecord> all = records(dir.resolve("audit.log"));
    assertThat(all.stream().map(AuditRecord::kind))
        .containsExactly("audit_gap", "auth_failure", "auth_failure", "checkpoint");
    assertThat(all.get(0).detail()).containsEntry("dropped", 3L);
    assertThat(registry.get("gateway.audit.records").tag("kind", "auth_failure").counter().count())
        .isEqualTo(2);
  }
}
