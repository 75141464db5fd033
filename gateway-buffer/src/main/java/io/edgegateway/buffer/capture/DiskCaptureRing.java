package io.edgegateway.buffer.capture;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.CaptureRing;
import io.edgegateway.core.capture.CaptureWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CaptureRing} in segment files under one directory: {@code <dir>/<topic-key>/<first
 * receive ns>-<n>.seg}, one directory per topic, one {@link RingSegment} per time slice.
 *
 * <p>Implementation notes: each topic appends to its own open segment, which rolls after {@code
 * sliceNs} of receive time or {@code segmentBytes}. After each append, segments whose newest sample
 * is older than {@code maxAge} (against the newest receive time seen) are deleted; then, while the
 * ring is over {@code maxBytes}, the oldest segment of the topic that holds the most bytes is
 * deleted and its samples counted as {@code quota} drops: a chatty topic loses its own history
 * first, and another topic only once it holds as much. On open, existing segments are scanned: a
 * frame cut short or failing its CRC ends that segment's readable part (counted as one {@code
 * corrupt} drop and logged), a file without a valid header is deleted. Appends come from one
 * thread; {@link #read} may run on another (segments deleted meanwhile are skipped). Bookkeeping is
 * guarded by this object's lock; file reads happen outside it.
 */
public final class DiskCaptureRing implements CaptureRing {
  private static final Logger log = LoggerFactory.getLogger(DiskCaptureRing.class);

  /** What the ring reports about samples it gives up. */
  @FunctionalInterface
  public interface Drops {
    void dropped(String topic, String reason, long samples);
  }

  private final Path dir;
  private final long maxBytes;
  private final long maxAgeNs;
  private final long sliceNs;
  private final long segmentBytes;
  private final Drops drops;
  private final Map<String, Deque<RingSegment>> topics = new TreeMap<>();
  private long totalBytes;
  private long newestNs;
  private long names;
  private int corruptOnOpen;

  private DiskCaptureRing(Path dir, long maxBytes, Duration maxAge, Drops drops) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxAgeNs = maxAge.toNanos();
    this.sliceNs = Math.max(Duration.ofSeconds(1).toNanos(), maxAgeNs / 20);
    this.segmentBytes = Math.max(64L << 10, Math.min(64L << 20, maxBytes / 64));
    this.drops = drops;
  }

  /**
   * Opens (creating it if needed) the ring in {@code dir}, with the segments a previous run left.
   *
   * @throws UncheckedIOException when the directory cannot be created or listed
   */
  public static DiskCaptureRing open(Path dir, long maxBytes, Duration maxAge, Drops drops) {
    DiskCaptureRing ring = new DiskCaptureRing(dir, maxBytes, maxAge, drops);
    try {
      Files.createDirectories(dir);
      ring.scanExisting();
    } catch (IOException e) {
      throw new UncheckedIOException("capture ring " + dir + ": " + e.getMessage(), e);
    }
    return ring;
  }

  private void scanExisting() throws IOException {
    List<RingSegment> found = new ArrayList<>();
    try (DirectoryStream<Path> topicDirs = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path topicDir : topicDirs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(topicDir, "*.seg")) {
          for (Path file : files) {
            boolean[] corrupt = new boolean[1];
            RingSegment s = RingSegment.scan(file, corrupt);
            if (corrupt[0]) {
              corruptOnOpen++;
              drops.dropped(s == null ? "unknown" : s.topic, "corrupt", 1);
              log.warn(
                  "capture ring segment {} is {}; {}",
                  file,
                  s == null ? "unreadable" : "cut short or corrupt",
                  s == null ? "deleted" : "its samples up to the bad frame are kept");
            }
            if (s == null || s.samples == 0) {
              Files.deleteIfExists(file);
            } else {
              found.add(s);
            }
          }
        }
      }
    }
    found.sort(Comparator.comparingLong((RingSegment s) -> s.firstNs));
    for (RingSegment s : found) {
      topics.computeIfAbsent(s.topic, t -> new ArrayDeque<>()).addLast(s);
      totalBytes += s.validBytes;
      newestNs = Math.max(newestNs, s.lastNs);
    }
  }

  @Override
  public void append(Envelope sample) throws IOException {
    RingSegment target;
    synchronized (this) {
      Deque<RingSegment> segments = topics.computeIfAbsent(sample.topic(), t -> new ArrayDeque<>());
      RingSegment last = segments.peekLast();
      if (last == null
          || !last.isOpen()
          || last.validBytes >= segmentBytes
          || (last.samples > 0 && sample.receiveStampNs() - last.firstNs >= sliceNs)) {
        if (last != null) {
          last.closeForAppend();
        }
        last = RingSegment.create(segmentFile(sample), sample.topic());
        segments.addLast(last);
        totalBytes += last.validBytes;
      }
      target = last;
      long before = target.validBytes;
      target.append(sample);
      totalBytes += target.validBytes - before;
      newestNs = Math.max(newestNs, sample.receiveStampNs());
      evict();
    }
  }

  private Path segmentFile(Envelope sample) throws IOException {
    Path topicDir = dir.resolve(topicKey(sample.topic()));
    Files.createDirectories(topicDir);
    return topicDir.resolve(sample.receiveStampNs() + "-" + (names++) + ".seg");
  }

  /** A directory name for a topic: its characters made safe, plus a CRC of the exact name. */
  static String topicKey(String topic) {
    CRC32 crc = new CRC32();
    crc.update(topic.getBytes(StandardCharsets.UTF_8));
    String safe = topic.replaceAll("[^A-Za-z0-9_]", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    return safe + "-" + Long.toHexString(crc.getValue());
  }

  private void evict() throws IOException {
    long horizon = newestNs - maxAgeNs;
    for (Deque<RingSegment> segments : topics.values()) {
      while (!segments.isEmpty() && segments.peekFirst().lastNs < horizon) {
        delete(segments.removeFirst()); // an open one too: the next append opens another
      }
    }
    while (totalBytes > maxBytes) {
      Deque<RingSegment> largest = null;
      long largestBytes = -1;
      for (Deque<RingSegment> segments : topics.values()) {
        long bytes = 0;
        for (RingSegment s : segments) {
          bytes += s.validBytes;
        }
        if (segments.size() > 1 && bytes > largestBytes) {
          largest = segments;
          largestBytes = bytes;
        }
      }
      if (largest == null) {
        return; // every topic is down to its open segment
      }
      RingSegment victim = largest.removeFirst();
      drops.dropped(victim.topic, "quota", victim.samples);
      delete(victim);
    }
  }

  private void delete(RingSegment s) throws IOException {
    s.closeForAppend();
    totalBytes -= s.validBytes;
    Files.deleteIfExists(s.file);
  }

  @Override
  public long read(CaptureWindow window, Set<String> wanted, Consumer<Envelope> sink)
      throws IOException {
    record Part(RingSegment segment, long limit) {}
    List<Part> parts = new ArrayList<>();
    long newest;
    synchronized (this) {
      newest = newestNs;
      for (Map.Entry<String, Deque<RingSegment>> e : topics.entrySet()) {
        if (!wanted.isEmpty() && !wanted.contains(e.getKey())) {
          continue;
        }
        for (RingSegment s : e.getValue()) {
          s.flush();
          if (s.samples > 0 && s.firstNs <= window.toNs() && s.lastNs >= window.fromNs()) {
            parts.add(new Part(s, s.validBytes));
          }
        }
      }
    }
    for (Part p : parts) {
      try {
        p.segment()
            .read(
                p.limit(),
                e -> {
                  if (window.contains(e.receiveStampNs())) {
                    sink.accept(e);
                  }
                });
      } catch (NoSuchFileException gone) {
        log.debug("capture ring segment {} was deleted while being read", p.segment().file);
      }
    }
    return newest;
  }

  /** Writes buffered samples to their files (the OS page cache); cheap when nothing is buffered. */
  public synchronized void flush() throws IOException {
    for (Deque<RingSegment> segments : topics.values()) {
      RingSegment last = segments.peekLast();
      if (last != null) {
        last.flush();
      }
    }
  }

  @Override
  public synchronized long bytes() {
    return totalBytes;
  }

  @Override
  public synchronized OptionalLong oldestReceiveNs() {
    long oldest = Long.MAX_VALUE;
    for (Deque<RingSegment> segments : topics.values()) {
      for (RingSegment s : segments) {
        if (s.samples > 0) {
          oldest = Math.min(oldest, s.firstNs);
          break;
        }
      }
    }
    return oldest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldest);
  }

  @Override
  public synchronized OptionalLong newestReceiveNs() {
    return newestNs == 0 ? OptionalLong.empty() : OptionalLong.of(newestNs);
  }

  /** Bytes per topic now, for tests and status. */
  public synchronized Map<String, Long> bytesPerTopic() {
    Map<String, Long> bytes = new TreeMap<>();
    topics.forEach(
        (t, segments) -> bytes.put(t, segments.stream().mapToLong(s -> s.validBytes).sum()));
    return bytes;
  }

  /** Segments found corrupt or cut short when the ring was opened. */
  public synchronized int corruptOnOpen() {
    return corruptOnOpen;
  }

  @Override
  public synchronized void close() {
    for (Deque<RingSegment> segments : topics.values()) {
      for (RingSegment s : segments) {
        try {
          s.closeForAppend();
        } catch (IOException e) {
          log.warn("capture ring segment {} did not close cleanly: {}", s.file, e.getMessage());
        }
      }
    }
  }
}
