package io.edgegateway.uplink;

import static org.awaitility.Awaitility.await;

import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads batches back for assertions. */
final class Readers {
  private Readers() {}

  /**
   * Reads {@code topic} from the beginning until {@code count} batches arrived, then polls once
   * more so that extra batches show up in the result.
   */
  static List<ReceivedBatch> readAll(EmbeddedKafka kafka, String topic, int count) {
    try (BatchReader reader =
        BatchReader.create(
            kafka.bootstrapServers(), topic, BatchReader.StartPosition.EARLIEST, Map.of())) {
      List<ReceivedBatch> received = readAtLeast(reader, count);
      pollOnceMore(reader, received);
      return received;
    }
  }

  static List<ReceivedBatch> readAtLeast(BatchReader reader, int count) {
    List<ReceivedBatch> received = new ArrayList<>();
    await()
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              received.addAll(reader.poll(Duration.ofMillis(200)));
              return received.size() >= count;
            });
    return received;
  }

  private static void pollOnceMore(BatchReader reader, List<ReceivedBatch> received) {
    received.addAll(reader.poll(Duration.ofMillis(200)));
  }
}
