package io.edgegateway.uplink;

import io.edgegateway.core.port.UplinkException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one robot's committed checkpoints from the checkpoint topic: a consumer of its own per read
 * ({@code isolation.level=read_committed}), all partitions from the beginning to the end offsets,
 * the last value of each key {@code <robot_id>/<stream>} kept, a tombstone removing it.
 * Thread-safe.
 */
final class CheckpointReader {
  // The facade's logger: the daemon's log pattern prints the logger name, and the lines keep it.
  private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);

  private final String robotId;
  private final String checkpointTopic;
  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final LinkState state;

  CheckpointReader(
      String robotId,
      String checkpointTopic,
      Supplier<Consumer<byte[], byte[]>> consumerFactory,
      LinkState state) {
    this.robotId = robotId;
    this.checkpointTopic = checkpointTopic;
    this.consumerFactory = consumerFactory;
    this.state = state;
  }

  /** The highest committed {@code batch_seq} by stream, read before {@code deadline}. */
  Map<String, Long> read(Deadline deadline) throws UplinkException {
    String prefix = robotId + "/";
    Map<String, Long> result = new HashMap<>();
    try (Consumer<byte[], byte[]> consumer = consumerFactory.get()) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(checkpointTopic, Duration.ofNanos(deadline.remainingNs()));
      if (infos == null || infos.isEmpty()) {
        throw new UplinkException(
            "checkpoint topic " + checkpointTopic + " does not exist (create it, compacted)",
            true,
            null);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          consumer.endOffsets(partitions, Duration.ofNanos(deadline.remainingNs()));
      while (!reachedEnd(consumer, end, deadline)) {
        if (deadline.remainingNs() == 0) {
          throw new UplinkException(
              "checkpoints of " + checkpointTopic + " not read within " + deadline.timeout(),
              true,
              null);
        }
        long pollNs = Math.min(deadline.remainingNs(), TimeUnit.MILLISECONDS.toNanos(200));
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofNanos(pollNs))) {
          if (r.key() == null) {
            continue;
          }
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (!key.startsWith(prefix)) {
            continue;
          }
          String stream = key.substring(prefix.length());
          if (stream.equals(AuditUploader.AUDIT_STREAM_KEY)) {
            continue; // the audit upload's own checkpoint, not a stream
          }
          if (r.value() == null) {
            result.remove(stream);
            continue;
          }
          String value = new String(r.value(), StandardCharsets.UTF_8);
          try {
            result.put(stream, Long.parseLong(value));
          } catch (NumberFormatException e) {
            LOG.warn("Uplink: ignoring checkpoint {} with value \"{}\" (not a number)", key, value);
          }
        }
      }
    } catch (KafkaException e) {
      throw UplinkErrors.failure(
          "cannot read checkpoints of " + checkpointTopic, e, state.isClosed());
    }
    return result;
  }

  private static boolean reachedEnd(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, Deadline deadline) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      long position =
          consumer.position(e.getKey(), Duration.ofNanos(Math.max(1, deadline.remainingNs())));
      if (position < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
