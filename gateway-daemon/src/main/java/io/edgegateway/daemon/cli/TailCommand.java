package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.codec.proto.ClockHealth;
import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.ros2.msg.CdrDecodeException;
import io.edgegateway.ros2.msg.CdrDecoder;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tail}: reads committed batches from Kafka and prints one line per message. */
@Command(
    name = "tail",
    description = "Read batches from Kafka (read_committed) and print one line per message.")
final class TailCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap HOST:PORT")
  String bootstrap;

  @Option(names = "--topic", required = true, description = "Kafka topic, e.g. edge.telemetry.v1")
  String topic;

  @Option(
      names = "--dictionary-topic",
      defaultValue = "edge.gateway.dictionaries",
      description =
          "Topic of the zstd dictionaries (uplink.dictionary_topic), read when a batch needs one;"
              + " default: ${DEFAULT-VALUE}")
  String dictionaryTopic;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not the newest")
  boolean fromBeginning;

  @Option(names = "--max", description = "Exit after printing this many messages")
  @Nullable Long max;

  @Option(
      names = "--json",
      description =
          "One JSON object per line, with the message decoded from the batch's definitions")
  boolean json;

  @Option(
      names = "--idle-timeout",
      description = "Exit when nothing arrives for this long (e.g. 10s); default: run until Ctrl-C")
  @Nullable String idleTimeout;

  @Override
  public Integer call() {
    if (max != null && max < 1) {
      spec.commandLine().getErr().println("--max: " + max + " (expected: >= 1)");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Duration idle =
        idleTimeout == null ? null : CliDurations.parse(spec, "--idle-timeout", idleTimeout);
    PrintWriter out = spec.commandLine().getOut();
    try (BatchReader reader =
            BatchReader.create(
                bootstrap,
                topic,
                fromBeginning
                    ? BatchReader.StartPosition.EARLIEST
                    : BatchReader.StartPosition.LATEST,
                Map.of(),
                dictionaryTopic);
        StopSignal stop =
            StopSignal.install("eg-tail-stop", Duration.ofSeconds(5), reader::wakeup)) {
      long printed = 0;
      long lastData = System.nanoTime();
      while ((max == null || printed < max) && !stop.requested()) {
        var batches = reader.poll(Duration.ofMillis(500));
        if (batches.isEmpty()) {
          if (idle != null && System.nanoTime() - lastData >= idle.toNanos()) {
            break;
          }
          continue;
        }
        lastData = System.nanoTime();
        for (ReceivedBatch b : batches) {
          printed += print(out, b, max == null ? Long.MAX_VALUE : max - printed);
          if (max != null && printed >= max) {
            break;
          }
        }
        out.flush();
      }
      out.flush();
      if (reader.malformed() > 0) {
        spec.commandLine()
            .getErr()
            .println("tail: " + reader.malformed() + " records were not decodable batches");
      }
      return 0;
    }
  }

  private long print(PrintWriter out, ReceivedBatch received, long limit) {
    TelemetryBatch b = received.batch();
    Map<Integer, TopicEntry> topics = new HashMap<>();
    b.getTopicsList().forEach(t -> topics.put(t.getId(), t));
    Map<Integer, Optional<CdrDecoder>> decoders = new HashMap<>();
    ObjectNode clock = json ? clockJson(b.getClockHealth()) : JSON.createObjectNode();
    long n = 0;
    for (Record r : b.getRecordsList()) {
      if (n >= limit) {
        break;
      }
      TopicEntry t = topics.getOrDefault(r.getTopicId(), TopicEntry.getDefaultInstance());
      if (json) {
        ObjectNode o = JSON.createObjectNode();
        o.put("robot_id", b.getRobotId());
        o.put("stream", b.getStream());
        o.put("batch_seq", b.getBatchSeq());
        o.put("topic", t.getName());
        o.put("type", t.getType());
        o.put("source_stamp_ns", r.getSourceStampNs());
        o.put("receive_stamp_ns", r.getReceiveStampNs());
        o.put("seq", r.getSeq());
        o.put("payload_bytes", r.getPayload().size());
        o.set("clock", clock);
        putDecoded(o, decoders, t, r);
        out.println(o.toString());
      } else {
        out.printf(
            "%s %s src=%d recv=%d seq=%d bytes=%d batch=%s/%s/%d%n",
            t.getName(),
            t.getType(),
            r.getSourceStampNs(),
            r.getReceiveStampNs(),
            r.getSeq(),
            r.getPayload().size(),
            b.getRobotId(),
            b.getStream(),
            b.getBatchSeq());
      }
      n++;
    }
    return n;
  }

  /** The batch's clock health, as its lines print it. */
  private static ObjectNode clockJson(ClockHealth c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", c.getSource());
    o.put("synchronized", c.getSynchronized());
    o.put("max_error_ns", c.getMaxErrorNs());
    o.put("estimated_error_ns", c.getEstimatedErrorNs());
    o.put("jumps", c.getJumps());
    o.put("last_jump_ns", c.getLastJumpNs());
    return o;
  }

  /**
   * Adds {@code message}, the record decoded with the definition its batch carries, or {@code
   * decode_error} when the batch has no definition for the type or the payload does not decode.
   */
  private static void putDecoded(
      ObjectNode o, Map<Integer, Optional<CdrDecoder>> decoders, TopicEntry t, Record r) {
    Optional<CdrDecoder> decoder =
        decoders.computeIfAbsent(
            t.getId(),
            id -> {
              if (t.getDefinition().isEmpty()) {
                return Optional.empty();
              }
              try {
                return Optional.of(
                    new CdrDecoder(
                        MessageRegistry.fromFullDefinition(t.getType(), t.getDefinition())));
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
    if (decoder.isEmpty()) {
      o.put("decode_error", "no usable message definition for " + t.getType() + " in the batch");
      return;
    }
    try {
      o.set(
          "message",
          JSON.valueToTree(decoder.get().decode(t.getType(), r.getPayload().toByteArray())));
    } catch (CdrDecodeException e) {
      o.put("decode_error", e.getMessage());
    }
  }
}
