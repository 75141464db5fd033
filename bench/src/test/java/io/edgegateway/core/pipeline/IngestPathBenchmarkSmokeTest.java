package io.edgegateway.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestPathBenchmarkSmokeTest {
  @Test
  void eachBenchmarkMovesItsSamplesThroughAndLeavesTheIntakeEmpty() throws Exception {
    IngestPathBenchmark bench = new IngestPathBenchmark();
    bench.setUp();
    for (int i = 0; i < 1000; i++) {
      assertThat(bench.handOff()).isInstanceOf(Intake.Item.class);
    }
    for (int i = 0; i < 20; i++) { // 10,240 samples: several 256 KiB batches sealed
      assertThat(bench.handOffAndBatch()).isZero();
    }
  }
}
