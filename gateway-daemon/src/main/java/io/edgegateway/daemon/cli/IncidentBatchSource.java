package io.edgegateway.daemon.cli;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.IncidentStore;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.codec.PlainBatch;
import io.edgegateway.core.codec.proto.TelemetryBatch;
import io.edgegateway.core.port.BatchSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The samples of one sealed incident from the robot's own capture store ({@code export --config F
 * --incident ID}), in receive-time order, as plain batches of at most {@value #BATCH} samples.
 */
final class IncidentBatchSource implements BatchSource {
  static final int BATCH = 1000;

  private final IncidentStore.SampleCursor cursor;
  private final String robotId;
  private final BatchLineage lineage;
  private final Function<String, String> definitions;
  private final long total;
  private long read;
  private long batchSeq;

  /**
   * @param cursor the incident's samples (closed by {@link #close})
   * @param total how many samples the incident holds (its counts), for {@link #fractionRead}
   */
  IncidentBatchSource(
      IncidentStore.SampleCursor cursor,
      String robotId,
      BatchLineage lineage,
      Function<String, String> definitions,
      long total) {
    this.cursor = cursor;
    this.robotId = robotId;
    this.lineage = lineage;
    this.definitions = definitions;
    this.total = total;
  }

  @Override
  public List<TelemetryBatch> poll(Duration timeout) {
    List<Envelope> next = new ArrayList<>(BATCH);
    while (next.size() < BATCH && cursor.hasNext()) {
      next.add(cursor.next());
    }
    if (next.isEmpty()) {
      return List.of();
    }
    read += next.size();
    return List.of(PlainBatch.of(robotId, lineage, "incident", ++batchSeq, next, definitions));
  }

  @Override
  public boolean exhausted() {
    return !cursor.hasNext();
  }

  @Override
  public double fractionRead() {
    return total <= 0 ? Double.NaN : Math.min(1.0, (double) read / total);
  }

  @Override
  public void close() {
    cursor.close();
  }
}
