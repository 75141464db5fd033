package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.config.FastPathScheduling;
import org.junit.jupiter.api.Test;

/** {@link FastPathPriority}: when the fast path's threads are left alone. */
class FastPathPriorityTest {
  @Test
  void noParticipantJoined_raisesNothing() {
    assertThat(FastPathPriority.before().raise(false, FastPathScheduling.FIFO))
        .isEqualTo(FastPathThreads.NOT_RAISED);
  }

  @Test
  void schedulingNone_leavesTheThreadsAtTheProcessPriority() {
    FastPathPriority priority = FastPathPriority.before();
    new Thread(() -> {}).start();
    assertThat(priority.raise(true, FastPathScheduling.NONE)).isEqualTo(FastPathThreads.NOT_RAISED);
  }
}
