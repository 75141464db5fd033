package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.config.CaptureSettings;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.metrics.CaptureMetrics;
import io.edgegateway.core.port.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture sink the bus threads call: bounded, never blocking, drops counted per topic. */
class CaptureServiceTest {
  @TempDir Path dir;

  @Test
  void aFullCaptureQueueDropsAndCountsInsteadOfBlockingTheBusThread() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CaptureMetrics metrics = new CaptureMetrics(registry);
    // constructed, not started: nothing drains the queue, as when the capture thread falls behind
    try (CaptureService service =
        new CaptureService(
            CaptureSettings.on(List.of()), dir, FieldCatalog.empty(), metrics, Clock.system())) {
      for (int i = 0; i < CaptureService.QUEUE_CAPACITY + 7; i++) {
        service.offer(new Envelope("/chatty", "a/msg/B", 0, i, i + 1, new byte[8]));
      }
      service.offer(new Envelope("/quiet", "a/msg/B", 0, 1, 1, new byte[8]));
      assertThat(metrics.dropped("/chatty", CaptureMetrics.QUEUE_FULL).count()).isEqualTo(7);
      assertThat(metrics.dropped("/quiet", CaptureMetrics.QUEUE_FULL).count()).isEqualTo(1);
    }
  }

  @Test
  void aCaptureQueueFullOfBytesDropsAndCountsBeforeItsSampleCountIsReached() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CaptureMetrics metrics = new CaptureMetrics(registry);
    byte[] frame =
        new byte[1 << 20]; // one array for every sample: the queue counts its size each time
    long fitting = CaptureService.QUEUE_MAX_BYTES / frame.length;
    try (CaptureService service =
        new CaptureService(
            CaptureSettings.on(List.of()), dir, FieldCatalog.empty(), metrics, Clock.system())) {
      for (int i = 0; i < fitting + 3; i++) {
        service.offer(
            new Envelope("/camera", "sensor_msgs/msg/CompressedImage", 0, i, i + 1, frame));
      }
      assertThat(fitting).isLessThan(CaptureService.QUEUE_CAPACITY);
      assertThat(metrics.dropped("/camera", CaptureMetrics.QUEUE_FULL).count()).isEqualTo(3);
    }
  }
}
