package io.edgegateway.mcap;

import io.edgegateway.core.codec.proto.Record;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.codec.proto.TopicEntry;
import io.edgegateway.core.port.BatchSource;
import io.edgegateway.core.port.SourceUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the samples of a {@link BatchSource} as a ros2-profile MCAP file: one channel per (ROS
 * topic, type) with message encoding {@code cdr}, one {@code ros2msg} schema per type (the full
 * definition the batch carries, else the bundled one), each sample's CDR payload as a message with
 * log time = receive stamp, publish time = source stamp and sequence = the per-topic seq, and a
 * Metadata record {@value #METADATA_NAME} with the robot id, lineage and incident id.
 *
 * <p>Samples of a type with no definition cannot be written in the ros2 profile: they are skipped,
 * counted per type in {@link Result#skippedByType()}, and logged once per type.
 */
public final class Ros2Export {
  /** The name of the Metadata record the export writes. */
  public static final String METADATA_NAME = "edge-gateway";

  private static final Logger LOG = LoggerFactory.getLogger(Ros2Export.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * What to export from the source.
   *
   * @param fromNs the first receive stamp to include, ns since the epoch
   * @param toNs the last receive stamp to include
   * @param incidentId the incident being exported, recorded in the metadata; null for a range
   * @param metadata more entries for the metadata record (e.g. where the data came from)
   */
  public record Request(
      long fromNs, long toNs, @Nullable String incidentId, Map<String, String> metadata) {
    public Request {
      if (toNs < fromNs) {
        throw new IllegalArgumentException(
            "toNs : " + toNs + " (expected: >= fromNs " + fromNs + ")");
      }
      metadata = Map.copyOf(metadata);
    }

    /** Every sample of the source. */
    public static Request all(@Nullable String incidentId, Map<String, String> metadata) {
      return new Request(0, Long.MAX_VALUE, incidentId, metadata);
    }
  }

  /**
   * What was written.
   *
   * @param messages messages written
   * @param messagesByTopic messages written per ROS topic
   * @param skippedByType samples skipped per ROS type, for want of a definition
   * @param bytes the size of the file
   */
  public record Result(
      long messages,
      Map<String, Long> messagesByTopic,
      Map<String, Long> skippedByType,
      long bytes) {
    public Result {
      messagesByTopic = Map.copyOf(messagesByTopic);
      skippedByType = Map.copyOf(skippedByType);
    }

    public long skipped() {
      return skippedByType.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Told after each batch: bytes written, messages written, fraction of the source read. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (bytes, messages, fraction) -> {};

    void update(long bytes, long messages, double fractionRead);
  }

  private final Function<String, String> bundledDefinitions;
  private final McapWriter.Options options;

  /**
   * @param bundledDefinitions ROS type to its full {@code ros2msg} definition text, or an empty
   *     string when unknown; used when a batch carries no definition for a type
   */
  public Ros2Export(Function<String, String> bundledDefinitions, McapWriter.Options options) {
    this.bundledDefinitions = Objects.requireNonNull(bundledDefinitions, "bundledDefinitions");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Reads {@code source} until it is exhausted or {@code stop} says so, writing to {@code out},
   * which is closed when the file is finished.
   */
  public Result run(
      BatchSource source,
      OutputStream out,
      Request request,
      Progress progress,
      BooleanSupplier stop)
      throws IOException, SourceUnavailableException {
    State state = new State();
    try (McapWriter writer = McapWriter.open(out, options)) {
      while (!source.exhausted() && !stop.getAsBoolean()) {
        for (TelemetryBatch batch : source.poll(POLL)) {
          write(writer, state, batch, request);
          progress.update(writer.bytesWritten(), writer.messages(), source.fractionRead());
        }
      }
      writer.metadata(METADATA_NAME, state.metadata(request));
      writer.close();
      progress.update(writer.bytesWritten(), writer.messages(), 1.0);
      return new Result(
          writer.messages(), state.byTopic, state.skippedByType, writer.bytesWritten());
    }
  }

  private void write(McapWriter writer, State state, TelemetryBatch batch, Request request)
      throws IOException {
    state.lineage(batch);
    Map<Integer, TopicEntry> topics = new HashMap<>();
    batch.getTopicsList().forEach(t -> topics.put(t.getId(), t));
    for (Record r : batch.getRecordsList()) {
      long logTime = r.getReceiveStampNs();
      if (logTime < request.fromNs() || logTime > request.toNs()) {
        continue;
      }
      TopicEntry t = topics.get(r.getTopicId());
      if (t == null) {
        continue;
      }
      Integer channel = channel(writer, state, t);
      if (channel == null) {
        state.skippedByType.merge(t.getType(), 1L, Long::sum);
        continue;
      }
      writer.message(
          channel, r.getSeq(), logTime, r.getSourceStampNs(), r.getPayload().toByteArray());
      state.byTopic.merge(t.getName(), 1L, Long::sum);
    }
  }

  private @Nullable Integer channel(McapWriter writer, State state, TopicEntry t)
      throws IOException {
    String key = t.getName() + '\u0000' + t.getType();
    Integer known = state.channels.get(key);
    if (known != null || state.channelless.containsKey(key)) {
      return known;
    }
    Integer schema = state.schemas.get(t.getType());
    if (schema == null) {
      String text =
          t.getDefinition().isEmpty() ? bundledDefinitions.apply(t.getType()) : t.getDefinition();
      if (text.isEmpty()) {
        LOG.warn(
            "No message definition for {} (topic {}): its samples are skipped, the ros2 profile"
                + " needs a schema",
            t.getType(),
            t.getName());
        state.channelless.put(key, Boolean.TRUE);
        return null;
      }
      schema = state.schemas.size() + 1;
      writer.schema(schema, t.getType(), "ros2msg", text.getBytes(StandardCharsets.UTF_8));
      state.schemas.put(t.getType(), schema);
    }
    int id = state.channels.size() + 1;
    writer.channel(id, schema, t.getName(), "cdr", Map.of());
    state.channels.put(key, id);
    return id;
  }

  /** What one export has seen so far. */
  private static final class State {
    final Map<String, Integer> schemas = new HashMap<>();
    final Map<String, Integer> channels = new HashMap<>();
    final Map<String, Boolean> channelless = new HashMap<>();
    final Map<String, Long> byTopic = new TreeMap<>();
    final Map<String, Long> skippedByType = new TreeMap<>();
    final Map<String, Set<String>> lineage = new TreeMap<>();

    void lineage(TelemetryBatch b) {
      add("robot_id", b.getRobotId());
      add("gateway_instance_id", b.getGatewayInstanceId());
      add("stream", b.getStream());
      add("firmware_version", b.getLineage().getFirmwareVersion());
      add("model_version", b.getLineage().getModelVersion());
      add("run_id", b.getLineage().getRunId());
      b.getLineage().getLabelsMap().forEach((k, v) -> add("label." + k, v));
    }

    private void add(String key, String value) {
      if (!value.isEmpty()) {
        lineage.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
      }
    }

    /** Each lineage key with its values (comma-separated when the batches differ). */
    Map<String, String> metadata(Request request) {
      Map<String, String> out = new TreeMap<>(request.metadata());
      lineage.forEach((k, values) -> out.put(k, String.join(",", values)));
      if (request.incidentId() != null) {
        out.put("incident_id", request.incidentId());
      }
      return out;
    }
  }
}
