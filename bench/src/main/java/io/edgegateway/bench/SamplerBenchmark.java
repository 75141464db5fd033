package io.edgegateway.bench;

import io.edgegateway.core.sampling.Sampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of the per-sample sampling decision on a simulated 1 kHz topic (one call per
 * received sample on the bus thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SamplerBenchmark {
  private static final long PERIOD_NS = 1_000_000L;

  private Sampler keepAll;
  private Sampler maxRate;
  private Sampler everyNth;
  private long now;

  /** Creates one sampler of each kind. */
  @Setup
  public void setUp() {
    keepAll = Sampler.keepAll();
    maxRate = Sampler.maxRate(100);
    everyNth = Sampler.everyNth(10);
    now = 0;
  }

  /** {@code keep_all}. */
  @Benchmark
  public boolean keepAll() {
    now += PERIOD_NS;
    return keepAll.accept(now);
  }

  /** {@code max_rate} at 100 Hz. */
  @Benchmark
  public boolean maxRate() {
    now += PERIOD_NS;
    return maxRate.accept(now);
  }

  /** {@code every_nth} with n = 10. */
  @Benchmark
  public boolean everyNth() {
    now += PERIOD_NS;
    return everyNth.accept(now);
  }
}
