package io.edgegateway.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.ledger.TopicKey;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.sampling.Sampler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting a sample in {@code ledger.bin} on the bus thread allocates nothing. */
class TopicChannelAllocationTest {

  @TempDir Path dataDir;

  @Test
  void aSampledOutSampleIsCountedInTheMappedLedgerWithoutAllocating() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (SqliteDurableQueue queue =
            SqliteDurableQueue.open(
                dataDir, 1L << 30, io.edgegateway.core.config.Durability.PROCESS);
        MmapIntakeLedger ledger =
            MmapIntakeLedger.open(dataDir, io.edgegateway.core.port.Clock.system())) {
      // ManualClock: SystemClock.wallNanos() goes through Instant.now(), which the JIT does not
      // always scalar-replace; this test is about the channel and the ledger slot.
      TelemetryPipeline pipeline =
          IngestUntilKilled.pipeline(queue, ledger, new ManualClock(1_700_000_000_000L));
      SampleHandler handler =
          pipeline.handlerFor(
              new TopicRoute(
                  "/imu",
                  RosTypeName.parse("sensor_msgs/msg/Imu"),
                  "telemetry",
                  5,
                  Sampler.everyNth(Integer.MAX_VALUE))); // keeps the first sample only
      byte[] payload = new byte[64];
      for (int i = 0; i < 200_000; i++) { // warm up: JIT
        handler.onSample(i, payload);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        handler.onSample(i, payload);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      pipeline.close();

      // 100,000 samples; a single allocation per sample would be >= 1.6 MB.
      assertThat(allocated).isLessThan(16 * 1024);
      assertThat(ledger.snapshot().get(new TopicKey("telemetry", "/imu")).sampledOut())
          .isEqualTo(299_999);
    }
  }
}
