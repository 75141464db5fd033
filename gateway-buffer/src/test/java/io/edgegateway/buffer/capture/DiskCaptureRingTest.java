package io.edgegateway.buffer.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.CaptureWindow;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk capture ring: reads, age and byte limits, per-topic share, corrupt segments. */
class DiskCaptureRingTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_800_000_000L * S;

  @TempDir Path dir;
  private final Map<String, Long> drops = new ConcurrentHashMap<>();

  private DiskCaptureRing open(long maxBytes, Duration maxAge) {
    return DiskCaptureRing.open(
        dir,
        maxBytes,
        maxAge,
        (topic, reason, n) -> drops.merge(topic + "/" + reason, n, Long::sum));
  }

  private static Envelope sample(String topic, long seq, long receiveNs, int size) {
    byte[] payload = new byte[size];
    for (int i = 0; i < size; i++) {
      payload[i] = (byte) (seq + i);
    }
    return new Envelope(topic, "std_msgs/msg/String", receiveNs - 5, receiveNs, seq, payload);
  }

  private static List<Envelope> read(DiskCaptureRing ring, CaptureWindow w, Set<String> topics)
      throws IOException {
    List<Envelope> out = new ArrayList<>();
    ring.read(w, topics, out::add);
    return out;
  }

  @Test
  void readsBackEverySampleOfTheWindowPerTopicInSeqOrderAcrossReopen() throws IOException {
    try (DiskCaptureRing ring = open(64L << 20, Duration.ofSeconds(120))) {
      for (int i = 1; i <= 5000; i++) {
        ring.append(sample("/a", i, T0 + i * 1_000_000L, 40));
        if (i % 10 == 0) {
          ring.append(sample("/b", i / 10, T0 + i * 1_000_000L, 80));
        }
      }
      List<Envelope> window =
          read(ring, new CaptureWindow(T0 + 1000 * 1_000_000L, T0 + 2000 * 1_000_000L), Set.of());
      assertThat(window.stream().filter(e -> e.topic().equals("/a")).map(Envelope::seq))
          .containsExactlyElementsOf(Stream.iterate(1000L, s -> s + 1).limit(1001).toList());
      assertThat(window.stream().filter(e -> e.topic().equals("/b"))).hasSize(101);
      Envelope first = window.get(0);
      assertThat(first.payload()).isEqualTo(sample("/a", 1000, 0, 40).payload());
      assertThat(first.sourceStampNs()).isEqualTo(first.receiveStampNs() - 5);
      assertThat(first.type()).isEqualTo("std_msgs/msg/String");
    }
    try (DiskCaptureRing again = open(64L << 20, Duration.ofSeconds(120))) {
      assertThat(read(again, new CaptureWindow(0, Long.MAX_VALUE), Set.of("/b"))).hasSize(500);
      assertThat(again.newestReceiveNs()).hasValue(T0 + 5000 * 1_000_000L);
      assertThat(again.oldestReceiveNs()).hasValue(T0 + 1_000_000L);
      assertThat(again.corruptOnOpen()).isZero();
    }
    assertThat(drops).isEmpty();
  }

  @Test
  void deletesSamplesOlderThanMaxAge() throws IOException {
    try (DiskCaptureRing ring = open(64L << 20, Duration.ofSeconds(10))) {
      for (int s = 0; s <= 60; s++) {
        ring.append(sample("/a", s + 1, T0 + s * S, 100));
      }
      List<Envelope> all = read(ring, new CaptureWindow(0, Long.MAX_VALUE), Set.of());
      assertThat(all.get(0).receiveStampNs()).isGreaterThanOrEqualTo(T0 + (60 - 10 - 1) * S);
      assertThat(all.get(all.size() - 1).seq()).isEqualTo(61);
      assertThat(ring.oldestReceiveNs().getAsLong()).isGreaterThanOrEqualTo(T0 + 49 * S);
    }
    assertThat(drops).as("age is not a drop").isEmpty();
  }

  @Test
  void staysWithinItsQuotaAndAChattyTopicEvictsItsOwnHistoryFirst() throws IOException {
    long quota = 4L << 20;
    try (DiskCaptureRing ring = open(quota, Duration.ofHours(1))) {
      for (int i = 1; i <= 200; i++) {
        ring.append(sample("/quiet", i, T0 + i * S / 100, 200)); // 40 KB in total
      }
      for (int i = 1; i <= 40_000; i++) {
        ring.append(sample("/chatty", i, T0 + 2 * S + i * 1_000_000L, 1000)); // 40 MB
        assertThat(ring.bytes()).isLessThanOrEqualTo(quota);
      }
      assertThat(read(ring, new CaptureWindow(0, Long.MAX_VALUE), Set.of("/quiet")))
          .as("the quiet topic keeps every sample")
          .hasSize(200);
      List<Envelope> chatty = read(ring, new CaptureWindow(0, Long.MAX_VALUE), Set.of("/chatty"));
      assertThat(chatty.get(chatty.size() - 1).seq()).isEqualTo(40_000);
      long lost = chatty.get(0).seq() - 1;
      assertThat(drops).containsOnlyKeys("/chatty/quota").containsEntry("/chatty/quota", lost);
      assertThat(ring.bytesPerTopic().get("/chatty")).isGreaterThan(quota / 2);
    }
  }

  @Test
  void aTruncatedOrCorruptSegmentIsSkippedWithACountNeverACrash() throws IOException {
    try (DiskCaptureRing ring = open(64L << 20, Duration.ofSeconds(120))) {
      for (int i = 1; i <= 100; i++) {
        ring.append(sample("/a", i, T0 + i * 1_000_000L, 50));
        ring.append(sample("/b", i, T0 + i * 1_000_000L, 50));
        ring.append(sample("/c", i, T0 + i * 1_000_000L, 50));
      }
    }
    Path a = segmentOf("/a");
    Path b = segmentOf("/b");
    Path c = segmentOf("/c");
    try (RandomAccessFile f = new RandomAccessFile(a.toFile(), "rw")) {
      f.setLength(f.length() - 30); // cut in the middle of the last frame
    }
    try (RandomAccessFile f = new RandomAccessFile(b.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // damages a frame half way
    }
    Files.write(c, new byte[] {9, 9}); // not even a header
    Files.write(dir.resolve(DiskCaptureRing.topicKey("/a")).resolve("junk.seg"), new byte[0]);

    try (DiskCaptureRing ring = open(64L << 20, Duration.ofSeconds(120))) {
      assertThat(ring.corruptOnOpen()).isEqualTo(4);
      CaptureWindow all = new CaptureWindow(0, Long.MAX_VALUE);
      assertThat(read(ring, all, Set.of("/a")).stream().map(Envelope::seq))
          .containsExactlyElementsOf(Stream.iterate(1L, s -> s + 1).limit(99).toList());
      List<Envelope> bs = read(ring, all, Set.of("/b"));
      assertThat(bs).isNotEmpty().hasSizeLessThan(100);
      assertThat(bs.get(bs.size() - 1).seq()).isEqualTo(bs.size());
      assertThat(read(ring, all, Set.of("/c"))).isEmpty();
      assertThat(Files.exists(c)).isFalse();
      ring.append(sample("/c", 101, T0 + S, 50));
      assertThat(read(ring, all, Set.of("/c"))).hasSize(1);
    }
    assertThat(drops).containsEntry("/a/corrupt", 1L).containsEntry("/b/corrupt", 1L);
  }

  private Path segmentOf(String topic) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(DiskCaptureRing.topicKey(topic)))) {
      return files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
  }
}
