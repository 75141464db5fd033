package io.edgegateway.core.audit;

import io.edgegateway.core.port.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in a file, one JSON line per record ({@link AuditRecord}), written by one thread
 * ({@code eg-audit}) from a bounded queue so an append never blocks: a full queue counts {@code
 * gateway_audit_dropped_total} and the next record written is an {@code audit_gap} with the count.
 * Each record is written to the OS at once; every {@value #CHECKPOINT_RECORDS} records, every
 * minute with new records and at {@link #close} a {@code checkpoint} signs the head hash and the
 * file is fsynced. At open a broken log is kept aside and a new segment starts ({@link
 * AuditSegments}).
 */
public final class FileAuditLog implements AuditLog, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileAuditLog.class);
  static final int CHECKPOINT_RECORDS = 100;
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
  private static final int QUEUE_CAPACITY = 4096;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private record Pending(AuditKind kind, String actor, Map<String, Object> detail, long wall) {}

  private static final Pending STOP =
      new Pending(AuditKind.STOP, "", Map.of(), Long.MIN_VALUE); // the end marker, never written

  private final Path file;
  private final KeyPair keys;
  private final Clock clock;
  private final FileChannel channel;
  private final BlockingQueue<Pending> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong headSeq = new AtomicLong();
  private final Counter droppedTotal;
  private final Map<AuditKind, Counter> written = new EnumMap<>(AuditKind.class);
  private final Thread writer;
  private long nextSeq;
  private String prev;
  private int sinceCheckpoint;
  private long lastCheckpointNanos;
  private volatile boolean closed;

  private FileAuditLog(
      Path file, KeyPair keys, Clock clock, MeterRegistry registry, int queueCapacity) {
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.file = file;
    this.keys = keys;
    this.clock = clock;
    for (AuditKind kind : AuditKind.values()) {
      written.put(
          kind,
          Counter.builder("gateway.audit.records")
              .description("Audit records written, by kind")
              .tag("kind", kind.wireName())
              .register(registry));
    }
    this.droppedTotal =
        Counter.builder("gateway.audit.dropped")
            .description("Audit records dropped because the audit queue was full")
            .register(registry);
    AuditSegments.Continuation c = AuditSegments.open(file, keys.getPublic(), clock.wallMillis());
    this.nextSeq = c.seq();
    this.prev = c.prev();
    this.headSeq.set(c.seq() - 1);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      c.chainBreak().ifPresent(d -> write(AuditKind.CHAIN_BREAK, "audit", d, clock.wallMillis()));
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
    }
    this.lastCheckpointNanos = clock.monotonicNanos();
    this.writer = new Thread(this::run, "eg-audit");
    writer.setDaemon(true);
  }

  /** Opens (or continues) the log of {@code file}, signed with {@code keys}, and starts writing. */
  public static FileAuditLog open(Path file, KeyPair keys, Clock clock, MeterRegistry registry) {
    FileAuditLog auditLog = new FileAuditLog(file, keys, clock, registry, QUEUE_CAPACITY);
    auditLog.writer.start();
    return auditLog;
  }

  /** A log with a queue of {@code queueCapacity} whose writer starts at {@link #startWriting}. */
  static FileAuditLog openPaused(
      Path file, KeyPair keys, Clock clock, MeterRegistry registry, int queueCapacity) {
    return new FileAuditLog(file, keys, clock, registry, queueCapacity);
  }

  void startWriting() {
    writer.start();
  }

  @Override
  public void append(AuditKind kind, String actor, Map<String, ?> detail) {
    Pending p = new Pending(kind, actor, new LinkedHashMap<>(detail), clock.wallMillis());
    if (closed || !queue.offer(p)) {
      dropped.incrementAndGet();
      droppedTotal.increment();
    }
  }

  /** The seq of the last record written to the file (0 when none). */
  public long headSeq() {
    return headSeq.get();
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  private void run() {
    try {
      while (true) {
        Pending p = queue.poll(1, TimeUnit.SECONDS);
        if (p == STOP) {
          break;
        }
        if (p != null) {
          gap();
          write(p.kind(), p.actor(), p.detail(), p.wall());
        }
        long now = clock.monotonicNanos();
        if (sinceCheckpoint >= CHECKPOINT_RECORDS
            || (sinceCheckpoint > 0
                && now - lastCheckpointNanos >= CHECKPOINT_INTERVAL.toNanos())) {
          checkpoint();
        }
      }
      gap();
      checkpoint();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException e) {
      log.error("audit log {} stopped: {}", file, e.getMessage());
    }
  }

  private void gap() {
    long n = dropped.getAndSet(0);
    if (n > 0) {
      write(AuditKind.AUDIT_GAP, "audit", Map.of("dropped", n), clock.wallMillis());
    }
  }

  private void checkpoint() {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("head", prev);
    detail.put("key_id", AuditKeys.keyId(keys.getPublic()));
    detail.put("sig", AuditKeys.sign(keys.getPrivate(), prev));
    write(AuditKind.CHECKPOINT, "audit", detail, clock.wallMillis());
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + file + ": fsync: " + e.getMessage(), e);
    }
    sinceCheckpoint = 0;
    lastCheckpointNanos = clock.monotonicNanos();
  }

  private void write(AuditKind kind, String actor, Map<String, Object> detail, long wall) {
    AuditRecord r = AuditRecord.create(nextSeq, wall, kind.wireName(), actor, detail, prev);
    ByteBuffer bytes = ByteBuffer.wrap((r.line() + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + file + ": " + e.getMessage(), e);
    }
    prev = r.hash();
    headSeq.set(nextSeq);
    nextSeq++;
    sinceCheckpoint++;
    java.util.Objects.requireNonNull(written.get(kind), "counter").increment();
  }

  /** Writes what is queued, a final checkpoint, fsyncs and closes; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (writer.isAlive()) {
        if (queue.offer(STOP, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          writer.join(CLOSE_TIMEOUT.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("audit log {}: close: {}", file, e.getMessage());
      }
    }
  }
}
