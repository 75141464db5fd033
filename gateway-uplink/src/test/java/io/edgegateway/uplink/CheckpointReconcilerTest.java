package io.edgegateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * When the reconciler lets a delivery reuse a checkpoint read made outside it (the sender's
 * start-up reconciliation) and when the delivery must read the topic itself (exactly-once).
 */
class CheckpointReconcilerTest {
  private static final String TOPIC = "checkpoints";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final TestBatches batches = new TestBatches();
  private final AtomicInteger reads = new AtomicInteger();
  private long committedThrough = 2;

  private CheckpointReconciler reconciler() {
    return new CheckpointReconciler(
        new CheckpointReader(
            TestBatches.ROBOT, TOPIC, this::consumerAtCheckpoint, new LinkState("test:9092")));
  }

  /** A fresh consumer per read, as the uplink's factory; the topic holds one checkpoint record. */
  private MockConsumer<byte[], byte[]> consumerAtCheckpoint() {
    reads.incrementAndGet();
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(tp, 0L));
    consumer.updateEndOffsets(Map.of(tp, 1L));
    consumer.schedulePollTask(
        () ->
            consumer.addRecord(
                new ConsumerRecord<>(
                    TOPIC,
                    0,
                    0L,
                    (TestBatches.ROBOT + "/s").getBytes(StandardCharsets.UTF_8),
                    Long.toString(committedThrough).getBytes(StandardCharsets.UTF_8))));
    return consumer;
  }

  private List<Long> sentSeqs(CheckpointReconciler r) throws Exception {
    return r
        .notCommitted(
            List.of(batches.batch("s", 2), batches.batch("s", 3)), Deadline.after(TIMEOUT))
        .stream()
        .map(b -> b.batchSeq())
        .toList();
  }

  @Test
  void aStartUpReadAfterTheSessionIsInitialisedServesTheFirstDelivery() throws Exception {
    CheckpointReconciler r = reconciler();

    assertThat(r.readFor(true, Deadline.after(TIMEOUT))).containsEntry("s", 2L);

    assertThat(sentSeqs(r)).containsExactly(3L);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aReadBeforeTheSessionIsInitialisedIsReadAgainByTheDelivery() throws Exception {
    CheckpointReconciler r = reconciler();
    r.readFor(false, Deadline.after(TIMEOUT));
    committedThrough = 3; // an earlier process's transaction completed by initTransactions()

    assertThat(sentSeqs(r)).isEmpty();
    assertThat(reads).hasValue(2);
  }

  @Test
  void afterACommitWithAnUnknownOutcomeTheDeliveryAlwaysReadsItself() throws Exception {
    CheckpointReconciler r = reconciler();
    r.readFor(true, Deadline.after(TIMEOUT));
    assertThat(sentSeqs(r)).containsExactly(3L);
    r.outcomeUnknown(); // the commit of batch 3 failed; it may still land
    r.readFor(true, Deadline.after(TIMEOUT));
    committedThrough = 3; // it did

    assertThat(sentSeqs(r)).isEmpty();
    assertThat(reads).hasValue(3);
  }

  @Test
  void aStartUpReadNeverOverridesWhatThisInstanceCommitted() throws Exception {
    CheckpointReconciler r = reconciler();
    assertThat(sentSeqs(r)).containsExactly(3L);
    r.committed(Map.of("s", 3L));

    r.readFor(true, Deadline.after(TIMEOUT)); // an older view: through 2

    assertThat(sentSeqs(r)).isEmpty();
  }
}
