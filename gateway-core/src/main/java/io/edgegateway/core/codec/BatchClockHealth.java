package io.edgegateway.core.codec;

import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.codec.proto.ClockHealth;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code ClockHealth} of each sealed batch: the clock's latest snapshot, read once per batch,
 * with the wall-clock jumps detected since the previous batch of the same stream (so the batch
 * sealed after a jump is flagged in every stream).
 */
final class BatchClockHealth {
  private final Supplier<ClockStatus> clock;
  // per stream, the clock's jump count when its previous batch was sealed
  private final Map<String, Long> jumpsAtLastSeal = new ConcurrentHashMap<>();

  BatchClockHealth(Supplier<ClockStatus> clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The clock health of the batch of {@code stream} being sealed now. */
  ClockHealth forBatchOf(String stream) {
    ClockStatus now = Objects.requireNonNull(clock.get(), "clock status");
    Long before = jumpsAtLastSeal.put(stream, now.jumps());
    long jumps = before == null ? now.jumps() : now.jumps() - before;
    return ClockHealth.newBuilder()
        .setSource(now.source())
        .setSynchronized(now.synchronised())
        .setMaxErrorNs(Math.max(0, now.maxErrorNanos()))
        .setEstimatedErrorNs(Math.max(0, now.estimatedErrorNanos()))
        .setJumps((int) Math.min(Integer.MAX_VALUE, Math.max(0, jumps)))
        .setLastJumpNs(jumps > 0 ? now.lastJumpNanos() : 0)
        .build();
  }
}
