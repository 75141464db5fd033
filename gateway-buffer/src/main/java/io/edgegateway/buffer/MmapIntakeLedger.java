package io.edgegateway.buffer;

import io.edgegateway.core.ledger.InMemoryIntakeLedger;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.IntakeLedger;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake side of the completeness ledger in a small memory-mapped file, {@code
 * <dataDir>/ledger.bin}: the counters live in the OS page cache, so they survive the process being
 * killed (SIGKILL, OOM) without a system call per sample. They do not survive a power loss exactly:
 * the kernel writes the pages back on its own schedule, so after a power cut the file can be older
 * than {@code queue.db} (the start-time reconciliation then raises it, see {@code
 * LedgerReconciler}).
 *
 * <p>Layout (little-endian): a {@value #HEADER_BYTES}-byte header (magic {@code EGLEDGER}, version,
 * slot size, slot count), then {@value #SLOTS} slots of {@value #SLOT_BYTES} bytes, each: received,
 * sampled_out, intake_dropped (8 bytes each), 8 reserved, then the UTF-8 lengths of stream and
 * topic (4 bytes each) and the two names. A slot is claimed once per topic (names first, the stream
 * length last, then {@code force()}); counters are then written with release stores.
 *
 * <p>A file that is not a ledger of this version, or whose slots do not make sense, is moved aside
 * to {@code ledger.bin.corrupt-<UTC timestamp>} (kept) with one ERROR line, and a fresh ledger
 * starts. When all slots are taken, or names are longer than a slot holds, a topic gets counters on
 * the heap (not kept across restarts) and one WARN line.
 */
public final class MmapIntakeLedger implements IntakeLedger {

  /** Name of the ledger file inside the data directory. */
  public static final String FILE_NAME = "ledger.bin";

  static final int HEADER_BYTES = 512;
  static final int SLOT_BYTES = 512;
  static final int SLOTS = 1024;
  static final int VERSION = 1;
  static final long FILE_BYTES = HEADER_BYTES + (long) SLOT_BYTES * SLOTS;

  private static final byte[] MAGIC = "EGLEDGER".getBytes(StandardCharsets.US_ASCII);
  private static final int RECEIVED = 0;
  private static final int SAMPLED_OUT = 8;
  private static final int INTAKE_DROPPED = 16;
  private static final int STREAM_LENGTH = 32;
  private static final int TOPIC_LENGTH = 36;
  private static final int NAMES = 40;
  private static final int MAX_NAME_BYTES = SLOT_BYTES - NAMES;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final Logger log = LoggerFactory.getLogger(MmapIntakeLedger.class);

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer map;
  private final Map<TopicKey, Slot> slots = new ConcurrentHashMap<>();
  private int nextFree;
  private boolean warnedFull;
  private volatile boolean closed;

  private MmapIntakeLedger(Path file, FileChannel channel, MappedByteBuffer map) {
    this.file = file;
    this.channel = channel;
    this.map = map.order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Opens (or creates) {@value #FILE_NAME} in {@code dataDir}. The caller must hold the data
   * directory (the queue's lock), so that one process writes the file.
   *
   * @param clock names a quarantined file by its wall time
   * @throws QueueException if the file cannot be created or mapped
   */
  public static MmapIntakeLedger open(Path dataDir, Clock clock) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        String problem = problem(file);
        if (problem != null) {
          Path target = Quarantine.target(file, clock.wallMillis());
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
          log.error(
              "ledger file {} is corrupt ({}); moved it aside to {} and started a fresh one;"
                  + " intake counts restart from what queue.db recorded",
              file,
              problem,
              target);
        }
      }
      boolean fresh = !Files.exists(file);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
        MmapIntakeLedger ledger = new MmapIntakeLedger(file, channel, mapped);
        if (fresh) {
          ledger.writeHeader();
        }
        ledger.loadSlots();
        return ledger;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new QueueException("cannot open ledger file " + file + ": " + e, e);
    }
  }

  /**
   * Reads the counts in {@code dataDir}'s {@value #FILE_NAME} without mapping it for writing (for
   * {@code edge-gateway queue stats}); empty if the file is missing or corrupt (with one WARN
   * line).
   */
  public static Map<TopicKey, IntakeCounts> read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      String problem = problem(file);
      if (problem != null) {
        log.warn("ledger file {} is corrupt ({}); the next start moves it aside", file, problem);
        return Map.of();
      }
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      Map<TopicKey, IntakeCounts> out = new TreeMap<>();
      for (int i = 0; i < SLOTS; i++) {
        int base = HEADER_BYTES + i * SLOT_BYTES;
        TopicKey key = key(buf, base);
        if (key != null) {
          out.put(key, counts(buf, base));
        }
      }
      return out;
    } catch (IOException e) {
      throw new QueueException("cannot read ledger file " + file + ": " + e, e);
    }
  }

  /** Why {@code file} is not a ledger of this version, or null if it is one. */
  static @Nullable String problem(Path file) throws IOException {
    long size = Files.size(file);
    if (size != FILE_BYTES) {
      return "size " + size + " bytes, expected " + FILE_BYTES;
    }
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < MAGIC.length; i++) {
      if (buf.get(i) != MAGIC[i]) {
        return "bad magic";
      }
    }
    int version = buf.getInt(8);
    if (version != VERSION || buf.getInt(12) != SLOT_BYTES || buf.getInt(16) != SLOTS) {
      return "version "
          + version
          + ", slots "
          + buf.getInt(16)
          + " x "
          + buf.getInt(12)
          + " bytes; expected version "
          + VERSION
          + ", "
          + SLOTS
          + " x "
          + SLOT_BYTES;
    }
    Map<TopicKey, Integer> seen = new HashMap<>();
    for (int i = 0; i < SLOTS; i++) {
      int base = HEADER_BYTES + i * SLOT_BYTES;
      int streamLength = buf.getInt(base + STREAM_LENGTH);
      int topicLength = buf.getInt(base + TOPIC_LENGTH);
      if (streamLength == 0) {
        continue;
      }
      if (streamLength < 0
          || topicLength < 0
          || (long) streamLength + topicLength > MAX_NAME_BYTES) {
        return "slot " + i + ": name lengths " + streamLength + "/" + topicLength;
      }
      TopicKey key;
      try {
        key = decodeKey(buf, base, streamLength, topicLength);
      } catch (CharacterCodingException e) {
        return "slot " + i + ": names are not UTF-8";
      }
      long received = buf.getLong(base + RECEIVED);
      long sampled = buf.getLong(base + SAMPLED_OUT);
      long dropped = buf.getLong(base + INTAKE_DROPPED);
      if (received < 0 || sampled < 0 || dropped < 0 || sampled + dropped > received) {
        return "slot " + i + ": counts " + received + "/" + sampled + "/" + dropped;
      }
      Integer other = seen.put(key, i);
      if (other != null) {
        return "slots " + other + " and " + i + " both hold " + key;
      }
    }
    return null;
  }

  private void writeHeader() {
    for (int i = 0; i < MAGIC.length; i++) {
      map.put(i, MAGIC[i]);
    }
    map.putInt(8, VERSION);
    map.putInt(12, SLOT_BYTES);
    map.putInt(16, SLOTS);
    ((MappedByteBuffer) map).force();
  }

  private void loadSlots() {
    int free = SLOTS;
    for (int i = SLOTS - 1; i >= 0; i--) {
      int base = HEADER_BYTES + i * SLOT_BYTES;
      TopicKey key = key(map, base);
      if (key != null) {
        slots.put(key, new MappedSlot(base));
      } else {
        free = i;
      }
    }
    nextFree = free;
  }

  private static @Nullable TopicKey key(ByteBuffer buf, int base) {
    int streamLength = buf.getInt(base + STREAM_LENGTH);
    if (streamLength <= 0) {
      return null;
    }
    try {
      return decodeKey(buf, base, streamLength, buf.getInt(base + TOPIC_LENGTH));
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static TopicKey decodeKey(ByteBuffer buf, int base, int streamLength, int topicLength)
      throws CharacterCodingException {
    byte[] names = new byte[streamLength + topicLength];
    buf.get(base + NAMES, names);
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String stream = decoder.decode(ByteBuffer.wrap(names, 0, streamLength)).toString();
    String topic =
        decoder.reset().decode(ByteBuffer.wrap(names, streamLength, topicLength)).toString();
    return new TopicKey(stream, topic);
  }

  private static IntakeCounts counts(ByteBuffer buf, int base) {
    long dropped = (long) LONGS.getAcquire(buf, base + INTAKE_DROPPED);
    long sampled = (long) LONGS.getAcquire(buf, base + SAMPLED_OUT);
    long received = (long) LONGS.getAcquire(buf, base + RECEIVED);
    return new IntakeCounts(Math.max(received, sampled + dropped), sampled, dropped);
  }

  @Override
  public Slot slot(TopicKey key) {
    Objects.requireNonNull(key, "key");
    Slot existing = slots.get(key);
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("ledger " + file + " is closed");
      }
      return slots.computeIfAbsent(key, this::claim);
    }
  }

  private Slot claim(TopicKey key) {
    byte[] stream = key.stream().getBytes(StandardCharsets.UTF_8);
    byte[] topic = key.topic().getBytes(StandardCharsets.UTF_8);
    if (stream.length + topic.length > MAX_NAME_BYTES || nextFree >= SLOTS) {
      if (!warnedFull) {
        warnedFull = true;
        log.warn(
            "ledger file {}: no slot for {} ({}); its intake counts are kept in memory only and"
                + " restart at 0",
            file,
            key,
            nextFree >= SLOTS ? "all " + SLOTS + " slots taken" : "names too long");
      }
      return InMemoryIntakeLedger.detachedSlot();
    }
    int base = HEADER_BYTES + nextFree++ * SLOT_BYTES;
    for (int i = 0; i < SLOT_BYTES; i++) {
      map.put(base + i, (byte) 0);
    }
    map.put(base + NAMES, stream);
    map.put(base + NAMES + stream.length, topic);
    map.putInt(base + TOPIC_LENGTH, topic.length);
    map.putInt(base + STREAM_LENGTH, stream.length);
    ((MappedByteBuffer) map).force();
    return new MappedSlot(base);
  }

  @Override
  public Map<TopicKey, IntakeCounts> snapshot() {
    Map<TopicKey, IntakeCounts> out = new TreeMap<>();
    slots.forEach((key, slot) -> out.put(key, slot.counts()));
    return out;
  }

  /** Flushes the file (one {@code msync}); the mapping itself is released by the GC. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      ((MappedByteBuffer) map).force();
      channel.close();
    } catch (IOException | RuntimeException e) {
      log.warn("ledger file {} did not close cleanly: {}", file, e.toString());
    }
  }

  /** Path of the ledger file. */
  public Path path() {
    return file;
  }

  /** Counters at a fixed offset of the mapping. */
  private final class MappedSlot implements Slot {
    private final int base;

    MappedSlot(int base) {
      this.base = base;
    }

    @Override
    public long received() {
      return (long) LONGS.getAcquire(map, base + RECEIVED);
    }

    @Override
    public void received(long seq) {
      LONGS.setRelease(map, base + RECEIVED, seq);
    }

    @Override
    public void sampledOut() {
      long n = (long) LONGS.get(map, base + SAMPLED_OUT);
      LONGS.setRelease(map, base + SAMPLED_OUT, n + 1);
    }

    @Override
    public void intakeDropped() {
      LONGS.getAndAdd(map, base + INTAKE_DROPPED, 1L);
    }

    @Override
    public IntakeCounts counts() {
      return MmapIntakeLedger.counts(map, base);
    }

    @Override
    public void restore(IntakeCounts counts) {
      LONGS.setRelease(map, base + SAMPLED_OUT, counts.sampledOut());
      LONGS.setRelease(map, base + INTAKE_DROPPED, counts.intakeDropped());
      LONGS.setRelease(map, base + RECEIVED, counts.received());
    }
  }
}
