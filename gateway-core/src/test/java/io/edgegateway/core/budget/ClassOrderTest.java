package io.edgegateway.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.port.StoredBatch;
import io.edgegateway.core.port.StreamHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassOrderTest {
  private static final long NOW = 1_000_000_000L;
  private static final Duration BACKLOG_AFTER = Duration.ofSeconds(60);

  private static StreamHead head(String stream, long id, long ageSeconds, int priority) {
    return new StreamHead(stream, id, NOW - ageSeconds * 1000, priority);
  }

  private static List<String> sorted(StreamHead... heads) {
    List<StreamHead> list = new ArrayList<>(List.of(heads));
    list.sort(ClassOrder.at(NOW, BACKLOG_AFTER));
    return list.stream().map(StreamHead::stream).toList();
  }

  @Test
  void incidentsGoFirst_evenWhenOldAndOfLowPriority() {
    assertThat(
            sorted(
                head("telemetry", 5, 1, 9),
                head("incidents", 1, 3600, 0),
                head("perception", 3, 1, 5)))
        .containsExactly("incidents", "telemetry", "perception");
  }

  @Test
  void freshStreamsGoBeforeTheBacklog_evenOfLowerPriority() {
    assertThat(sorted(head("diagnostics", 1, 600, 9), head("telemetry", 9, 2, 1)))
        .containsExactly("telemetry", "diagnostics");
  }

  @Test
  void withinAClass_higherPriorityFirst_thenTheOldest() {
    assertThat(
            sorted(
                head("a", 30, 5, 3),
                head("b", 20, 10, 7),
                head("c", 10, 20, 3),
                head("d", 40, 120, 2),
                head("e", 35, 300, 2)))
        .containsExactly("b", "c", "a", "e", "d");
  }

  @Test
  void aStreamIsBacklogOnlyPastBacklogAfter() {
    assertThat(UplinkClass.of("telemetry", NOW - 60_000, NOW, BACKLOG_AFTER))
        .isEqualTo(UplinkClass.LIVE);
    assertThat(UplinkClass.of("telemetry", NOW - 60_001, NOW, BACKLOG_AFTER))
        .isEqualTo(UplinkClass.BACKLOG);
    assertThat(UplinkClass.of("incidents", 0, NOW, BACKLOG_AFTER)).isEqualTo(UplinkClass.INCIDENTS);
  }

  @Test
  void inOrder_regroupsWholeStreams_keepingEachStreamsBatchSeqOrder() {
    List<StoredBatch> appended =
        List.of(
            stored(1, "telemetry", 1, 5, 600),
            stored(2, "perception", 1, 3, 5),
            stored(3, "telemetry", 2, 5, 5),
            stored(4, "incidents", 1, 9, 5),
            stored(5, "perception", 2, 8, 1),
            stored(6, "telemetry", 3, 5, 1));
    List<String> order =
        StreamHead.inOrder(appended, ClassOrder.at(NOW, BACKLOG_AFTER)).stream()
            .map(b -> b.batch().stream() + "/" + b.batch().batchSeq())
            .toList();
    // incidents; perception is live (head 5 s old) at its highest waiting priority 8; telemetry's
    // head is 600 s old: backlog, and its fresh batches 2 and 3 wait behind batch 1.
    assertThat(order)
        .containsExactly(
            "incidents/1",
            "perception/1",
            "perception/2",
            "telemetry/1",
            "telemetry/2",
            "telemetry/3");
  }

  private static StoredBatch stored(long id, String stream, long seq, int priority, long ageS) {
    return new StoredBatch(
        id, new SealedBatch(stream, seq, priority, NOW - ageS * 1000, 1, 0, 0, 10, new byte[10]));
  }
}
