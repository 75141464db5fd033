package io.edgegateway.core.config;

import static io.edgegateway.core.config.BudgetSchema.BACKLOG_AFTER;
import static io.edgegateway.core.config.BudgetSchema.BURST;
import static io.edgegateway.core.config.BudgetSchema.DAILY_BYTES;
import static io.edgegateway.core.config.BudgetSchema.MAX_BYTES_PER_S;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code uplink.budget} section ({@link BudgetSchema}) to {@link BudgetSettings}: the
 * burst and the daily cap must each hold the largest batch ({@code buffer.batch.max_bytes}), or
 * that batch could never be sent.
 */
final class BudgetBinder {
  private final ErrorCollector errors;

  BudgetBinder(BindContext context) {
    this.errors = context.errors();
  }

  /**
   * The settings; null when the section had errors (all reported).
   *
   * @param maxBatchBytes {@code buffer.batch.max_bytes}, null when that key was invalid
   */
  @Nullable BudgetSettings bind(MappingView m, @Nullable Long maxBatchBytes) {
    Long rate = m.get(MAX_BYTES_PER_S);
    Long daily = m.get(DAILY_BYTES);
    Long burst = m.get(BURST);
    Duration backlogAfter = m.get(BACKLOG_AFTER);
    if (maxBatchBytes != null) {
      atLeastOneBatch(m, BURST, burst, maxBatchBytes);
      atLeastOneBatch(m, DAILY_BYTES, daily, maxBatchBytes);
    }
    if (m.hasErrors()) {
      return null;
    }
    long batch = maxBatchBytes == null ? 0 : maxBatchBytes;
    long rateValue = Objects.requireNonNull(rate, "maxBytesPerSecond");
    return m.build(
        () ->
            new BudgetSettings(
                rateValue,
                daily == null ? OptionalLong.empty() : OptionalLong.of(daily),
                burst != null ? burst : BudgetSettings.defaultBurst(rateValue, batch),
                Objects.requireNonNull(backlogAfter, "backlogAfter")));
  }

  private void atLeastOneBatch(
      MappingView m, Key<Long> key, @Nullable Long value, long maxBatchBytes) {
    if (value != null && value < maxBatchBytes) {
      errors.report(
          m.valuePos(key),
          m.path(key),
          Sizes.format(value)
              + " is less than buffer.batch.max_bytes ("
              + Sizes.format(maxBatchBytes)
              + "): a full batch could never be sent");
    }
  }
}
