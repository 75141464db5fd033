package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The victim choice on its own, without SQLite: candidates are offered in eviction order (lowest
 * priority, then oldest), as {@link BatchEvictor} reads them.
 */
class EvictionPolicyTest {

  private static final long QUOTA = 1_000;

  private final EvictionPolicy policy = new EvictionPolicy(QUOTA, Duration.ofMinutes(5));

  private static final List<BatchRow> IN_EVICTION_ORDER =
      List.of(
          new BatchRow(3, "bulk", 300), // priority 0, oldest
          new BatchRow(7, "bulk", 300), // priority 0
          new BatchRow(1, "telemetry", 300), // priority 5, older than the bulk rows
          new BatchRow(2, "telemetry", 300));

  private static List<BatchRow> offer(EvictionPolicy.Victims choice, List<BatchRow> candidates) {
    for (BatchRow candidate : candidates) {
      if (!choice.wantsMore()) {
        break;
      }
      choice.take(candidate);
    }
    return choice.chosen();
  }

  @Test
  void forQuota_whenQuotaExceeded_takesCandidatesInEvictionOrderUntilTheExcessIsFreed() {
    // 900 waiting + 400 appended = 300 over the quota: the first candidate frees exactly that.
    assertThat(offer(policy.forQuota(900, 400), IN_EVICTION_ORDER))
        .extracting(BatchRow::id)
        .containsExactly(3L);
    // 301 over: one candidate is not enough, the next one in order goes as well.
    assertThat(offer(policy.forQuota(900, 401), IN_EVICTION_ORDER))
        .extracting(BatchRow::id)
        .containsExactly(3L, 7L);
  }

  @Test
  void forQuota_whenTheBatchFits_wantsNoVictim() {
    EvictionPolicy.Victims exactlyFull = policy.forQuota(600, 400);

    assertThat(exactlyFull.wantsMore()).isFalse();
    assertThat(exactlyFull.chosen()).isEmpty();
  }

  @Test
  void forQuota_whenCandidatesRunOut_keepsThoseTaken() {
    assertThat(offer(policy.forQuota(5_000, 400), IN_EVICTION_ORDER))
        .containsExactlyElementsOf(IN_EVICTION_ORDER);
  }

  @Test
  void forDiskFull_whenCandidatesFreeEnough_takesThemInEvictionOrder() {
    assertThat(offer(policy.forDiskFull(450), IN_EVICTION_ORDER))
        .extracting(BatchRow::id)
        .containsExactly(3L, 7L);
  }

  @Test
  void forDiskFull_whenCandidatesFreeTooLittle_evictsNothing() {
    assertThat(offer(policy.forDiskFull(1_201), IN_EVICTION_ORDER)).isEmpty();
  }

  @Test
  void exceedsQuota_onlyForABatchLargerThanTheWholeQuota() {
    assertThat(policy.exceedsQuota(QUOTA)).isFalse();
    assertThat(policy.exceedsQuota(QUOTA + 1)).isTrue();
  }

  @Test
  void ttlCutoffMillis_isNowMinusTheTtl() {
    assertThat(policy.ttlCutoffMillis(1_700_000_000_000L)).isEqualTo(1_699_999_700_000L);
    assertThat(new EvictionPolicy(QUOTA, null).ttl()).isNull();
  }
}
