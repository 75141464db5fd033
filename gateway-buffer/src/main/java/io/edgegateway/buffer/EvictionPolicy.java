package io.edgegateway.buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which waiting batches the queue gives up, and when: past the payload-byte quota, once older than
 * the TTL, and when the disk is full. Candidates come in eviction order, lowest priority first and
 * within a priority oldest first ({@code ORDER BY priority, id}, the {@code
 * batches_by_eviction_order} index), so a choice reads only as many rows as it takes.
 *
 * <p>The quota counts payload bytes only; the file is larger by SQLite's page overhead and the WAL.
 */
final class EvictionPolicy {

  // Written by a live reload (limits), read by the appender, TTL expiry and disk-full mode.
  private volatile long quotaBytes;
  private volatile @Nullable Duration ttl;

  /**
   * @param quotaBytes payload bytes the queue may hold
   * @param ttl age past which a batch is evicted, null for none
   */
  EvictionPolicy(long quotaBytes, @Nullable Duration ttl) {
    this.quotaBytes = quotaBytes;
    this.ttl = ttl;
  }

  /**
   * Changes the quota and the TTL (a live reload); the next append evicts down to a smaller quota,
   * the next expiry (at most a second away) applies a shorter TTL.
   *
   * @param ttl null for none
   */
  void limits(long quotaBytes, @Nullable Duration ttl) {
    if (quotaBytes < 1) {
      throw new IllegalArgumentException("quotaBytes : " + quotaBytes + " (expected: >= 1)");
    }
    this.quotaBytes = quotaBytes;
    this.ttl = ttl;
  }

  long quotaBytes() {
    return quotaBytes;
  }

  /** The TTL, null if batches never expire. */
  @Nullable Duration ttl() {
    return ttl;
  }

  /** Whether a batch of {@code payloadBytes} could not fit even into an empty queue. */
  boolean exceedsQuota(long payloadBytes) {
    return payloadBytes > quotaBytes;
  }

  /** Batches sealed before this wall time (ms) are past the TTL; only with a TTL. */
  long ttlCutoffMillis(long nowMillis) {
    return nowMillis - Objects.requireNonNull(ttl, "ttl cutoff without a ttl").toMillis();
  }

  /**
   * The choice of batches to evict so that {@code appendingBytes} fit next to {@code waitingBytes}
   * within the quota; wants none if they fit already.
   */
  Victims forQuota(long waitingBytes, long appendingBytes) {
    return new Victims(waitingBytes + appendingBytes - quotaBytes, false);
  }

  /**
   * The choice of batches to evict on a full disk to free {@code bytes}: all or nothing, because
   * evicting batches that do not make room would lose them for no append.
   */
  Victims forDiskFull(long bytes) {
    return new Victims(bytes, true);
  }

  /** A choice being made: takes candidates, in eviction order, until they free enough bytes. */
  static final class Victims {
    private final long bytesToFree;
    private final boolean allOrNothing;
    private final List<BatchRow> taken = new ArrayList<>();
    private long freed;

    private Victims(long bytesToFree, boolean allOrNothing) {
      this.bytesToFree = bytesToFree;
      this.allOrNothing = allOrNothing;
    }

    /** Whether the batches taken so far free less than needed. */
    boolean wantsMore() {
      return freed < bytesToFree;
    }

    /** Takes the next candidate in eviction order. */
    void take(BatchRow candidate) {
      taken.add(candidate);
      freed += candidate.bytes();
    }

    /**
     * The batches to evict: those taken, or none if they free too little and the choice is all or
     * nothing.
     */
    List<BatchRow> chosen() {
      return allOrNothing && freed < bytesToFree ? List.of() : taken;
    }
  }
}
