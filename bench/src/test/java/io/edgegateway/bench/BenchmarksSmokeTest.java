package io.edgegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.config.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs every benchmark method once, without JMH and without timing, to prove they work. */
class BenchmarksSmokeTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void codecBenchmarkSealsAndDecodesHumanoidTelemetry(boolean columnar) throws Exception {
    CodecBenchmark bench = new CodecBenchmark();
    bench.level = 3;
    bench.columnar = columnar;
    bench.setUp();

    assertThat(bench.seal().records()).isEqualTo(650);
    assertThat(bench.decode().getRecordsCount()).isEqualTo(650);
  }

  @Test
  void queueBenchmarkAppendsReadsAndAcknowledges() throws Exception {
    QueueBenchmark bench = new QueueBenchmark();
    bench.durability = Durability.PROCESS;
    bench.setUp();
    try {
      bench.append();
      assertThat(bench.appendReadAcknowledge()).isEqualTo(2);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void samplerBenchmarkKeepsExpectedShare() {
    SamplerBenchmark bench = new SamplerBenchmark();
    bench.setUp();

    assertThat(bench.keepAll()).isTrue();
    assertThat(bench.maxRate()).isTrue();
    assertThat(bench.everyNth()).as("the 1st sample is kept").isTrue();
    assertThat(bench.everyNth()).as("the 2nd sample is dropped").isFalse();
  }

  @Test
  void humanoidLoadIsDecodable() throws Exception {
    assertThat(HumanoidLoad.telemetry(0.01)).hasSize(65);
    assertThat(BatchCodec.MAX_DECOMPRESSED_BYTES).isPositive();
  }
}
