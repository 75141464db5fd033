package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.IntakeLedger;
import io.edgegateway.core.ledger.TopicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake counters in {@code ledger.bin}. */
class MmapIntakeLedgerTest {

  private static final TopicKey IMU = new TopicKey("telemetry", "/imu");
  private static final TopicKey CAMERA = new TopicKey("perception", "/camera/image_raw");

  @TempDir Path dataDir;
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  private static void count(IntakeLedger.Slot slot, int received, int sampled, int dropped) {
    for (int i = 0; i < received; i++) {
      slot.received(slot.received() + 1);
    }
    for (int i = 0; i < sampled; i++) {
      slot.sampledOut();
    }
    for (int i = 0; i < dropped; i++) {
      slot.intakeDropped();
    }
  }

  @Test
  void slotsSurviveReopen() {
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      count(ledger.slot(IMU), 100, 30, 2);
      count(ledger.slot(CAMERA), 5, 0, 1);
      assertThat(ledger.slot(IMU)).isSameAs(ledger.slot(IMU));
    }
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      assertThat(ledger.snapshot())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(IMU, new IntakeCounts(100, 30, 2), CAMERA, new IntakeCounts(5, 0, 1)));
      assertThat(ledger.slot(IMU).received()).isEqualTo(100);
    }
  }

  @Test
  void countsAreInTheFileWhileTheLedgerIsOpenWithoutAnyFlush() {
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      IntakeLedger.Slot imu = ledger.slot(IMU);
      count(imu, 42, 7, 3);

      assertThat(MmapIntakeLedger.read(dataDir))
          .containsExactlyEntriesOf(Map.of(IMU, new IntakeCounts(42, 7, 3)));
    }
  }

  @Test
  void restoreOverwritesTheCounts() {
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      ledger.slot(IMU).restore(new IntakeCounts(900, 100, 5));
    }
    assertThat(MmapIntakeLedger.read(dataDir)).containsEntry(IMU, new IntakeCounts(900, 100, 5));
  }

  @Test
  void aCorruptFileIsMovedAsideAndAFreshLedgerStarts() throws IOException {
    byte[] garbage = new byte[(int) MmapIntakeLedger.FILE_BYTES];
    new Random(7).nextBytes(garbage);
    Files.write(dataDir.resolve(MmapIntakeLedger.FILE_NAME), garbage);

    assertThat(MmapIntakeLedger.read(dataDir)).isEmpty();
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      assertThat(ledger.snapshot()).isEmpty();
      count(ledger.slot(IMU), 3, 0, 0);
    }

    assertThat(quarantined()).hasSize(1);
    assertThat(Files.readAllBytes(quarantined().get(0))).isEqualTo(garbage);
    assertThat(MmapIntakeLedger.read(dataDir)).containsEntry(IMU, new IntakeCounts(3, 0, 0));
  }

  @Test
  void aFileOfAnotherSizeOrWithImpossibleCountsIsMovedAside() throws IOException {
    Path file = dataDir.resolve(MmapIntakeLedger.FILE_NAME);
    Files.writeString(file, "not a ledger");
    MmapIntakeLedger.open(dataDir, clock).close();
    assertThat(quarantined()).hasSize(1);

    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      count(ledger.slot(IMU), 3, 0, 0);
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(MmapIntakeLedger.HEADER_BYTES + 8, 50); // sampled_out 50 > received 3
    Files.write(file, bytes);
    clock.advanceMillis(2_000);
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      assertThat(ledger.snapshot()).isEmpty();
    }
    assertThat(quarantined()).hasSize(2);
  }

  @Test
  void aFileWithTwoSlotsForOneTopicIsMovedAside() throws IOException {
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      ledger.slot(IMU);
      ledger.slot(CAMERA);
    }
    Path file = dataDir.resolve(MmapIntakeLedger.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    int first = MmapIntakeLedger.HEADER_BYTES;
    System.arraycopy(
        bytes, first, bytes, first + MmapIntakeLedger.SLOT_BYTES, MmapIntakeLedger.SLOT_BYTES);
    Files.write(file, bytes);

    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      assertThat(ledger.snapshot()).isEmpty();
    }
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void topicsBeyondTheSlotsOrWithLongNamesCountOnTheHeap() {
    String longName = "/" + "x".repeat(600);
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      for (int i = 0; i < MmapIntakeLedger.SLOTS; i++) {
        ledger.slot(new TopicKey("telemetry", "/t" + i));
      }
      IntakeLedger.Slot extra = ledger.slot(new TopicKey("telemetry", "/one-too-many"));
      IntakeLedger.Slot tooLong = ledger.slot(new TopicKey("telemetry", longName));
      count(extra, 4, 1, 0);
      count(tooLong, 2, 0, 0);
      assertThat(extra.counts()).isEqualTo(new IntakeCounts(4, 1, 0));
    }
    Map<TopicKey, IntakeCounts> kept = MmapIntakeLedger.read(dataDir);
    assertThat(kept).hasSize(MmapIntakeLedger.SLOTS);
    assertThat(kept).doesNotContainKey(new TopicKey("telemetry", "/one-too-many"));
  }

  @Test
  void namesAreStoredAsUtf8() {
    TopicKey unicode = new TopicKey("télémétrie", "/caméra");
    try (MmapIntakeLedger ledger = MmapIntakeLedger.open(dataDir, clock)) {
      count(ledger.slot(unicode), 1, 0, 0);
    }
    assertThat(MmapIntakeLedger.read(dataDir)).containsOnlyKeys(unicode);
    assertThat("/caméra".getBytes(StandardCharsets.UTF_8)).hasSize(8);
  }

  private List<Path> quarantined() throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("ledger.bin.corrupt-"))
          .sorted()
          .toList();
    }
  }
}
