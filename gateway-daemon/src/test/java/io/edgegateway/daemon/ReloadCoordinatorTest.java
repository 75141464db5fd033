package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.daemon.ConfigState.ReloadOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReloadCoordinatorTest {
  private static ReloadOutcome ok() {
    return new ReloadOutcome(true, Optional.empty(), 0, 1);
  }

  /**
   * A clock that moves 150 ms at every reading: the settle time left is 150 ms at one reading and 0
   * at the next. Waiting on the second reading would be {@code wait(0)}, which never ends.
   */
  @Test
  void runsThePendingReloadWhenTheSettleTimeRunsOutBetweenTwoReadings() throws Exception {
    AtomicLong nanos = new AtomicLong();
    long step = TimeUnit.MILLISECONDS.toNanos(150);
    try (ReloadCoordinator c = new ReloadCoordinator(cause -> ok(), () -> nanos.getAndAdd(step))) {
      c.start();
      CompletableFuture<ReloadOutcome> done = c.request("SIGHUP");
      assertThat(done.get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
  }

  @Test
  void aBurstOfRequestsIsOneReloadNamedWithItsCount() throws Exception {
    List<String> causes = Collections.synchronizedList(new ArrayList<>());
    try (ReloadCoordinator c =
        new ReloadCoordinator(
            cause -> {
              causes.add(cause);
              return ok();
            })) {
      List<CompletableFuture<ReloadOutcome>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        all.add(c.request("SIGHUP"));
      }
      c.start();
      for (CompletableFuture<ReloadOutcome> f : all) {
        assertThat(f.get(10, TimeUnit.SECONDS).ok()).isTrue();
      }
      assertThat(causes).containsExactly("SIGHUP x20");
    }
  }

  @Test
  void anErrorInAReloadFailsItAndEveryLaterRequestInsteadOfLeavingThemWaiting() throws Exception {
    try (ReloadCoordinator c =
        new ReloadCoordinator(
            cause -> {
              throw new StackOverflowError("deep");
            })) {
      c.start();
      CompletableFuture<ReloadOutcome> first = c.request("SIGHUP");
      assertThat(first).failsWithin(10, TimeUnit.SECONDS);
      assertThat(c.request("SIGHUP")).isCompletedExceptionally();
    }
  }

  @Test
  void aRequestAfterCloseFailsAtOnce() {
    ReloadCoordinator c = new ReloadCoordinator(cause -> ok());
    c.start();
    c.close();
    assertThat(c.request("SIGHUP")).isCompletedExceptionally();
  }
}
