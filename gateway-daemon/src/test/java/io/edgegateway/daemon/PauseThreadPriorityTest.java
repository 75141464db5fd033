package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PauseThreadPriorityTest {
  @Test
  void pauseThreadsAreTheVmThreadAndTheParallelGcWorkers() {
    assertThat(PauseThreadPriority.isPauseThread("VM Thread")).isTrue();
    assertThat(PauseThreadPriority.isPauseThread("GC Thread#0")).isTrue();
    assertThat(PauseThreadPriority.isPauseThread("GC Thread#11")).isTrue();
  }

  @Test
  void concurrentGcThreadsAndJavaThreadsKeepTheProcessPriority() {
    assertThat(PauseThreadPriority.isPauseThread("G1 Conc#0")).isFalse();
    assertThat(PauseThreadPriority.isPauseThread("G1 Refine#0")).isFalse();
    assertThat(PauseThreadPriority.isPauseThread("G1 Main Marker")).isFalse();
    assertThat(PauseThreadPriority.isPauseThread("VM Periodic Tas")).isFalse();
    assertThat(PauseThreadPriority.isPauseThread("eg-batcher")).isFalse();
  }

  @Test
  void findsThisJvmsVmThread() {
    // The test JVMs run the serial collector (the parent POM's argLine): it collects in the VM
    // Thread itself and has no GC workers.
    assertThat(PauseThreadPriority.threads().stream().map(ThreadScheduling::name))
        .contains("VM Thread")
        .allMatch(PauseThreadPriority::isPauseThread);
  }
}
