package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicLedger;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of the completeness ledger, as in {@code /v1/status} ({@code "ledger": [...]}) and
 * {@code edge-gateway queue stats --json}. Seq ranges with nothing in them are {@code {"first": 0,
 * "last": 0}}.
 */
public final class LedgerJson {
  private LedgerJson() {}

  /** Appends one object per ledger line to {@code array}. */
  public static void write(ArrayNode array, List<TopicLedger> lines) {
    for (TopicLedger l : lines) {
      ObjectNode n = array.addObject();
      n.put("stream", l.key().stream());
      n.put("topic", l.key().topic());
      n.put("accepted", l.accepted());
      n.put("sampled_out", l.sampledOut());
      n.put("intake_dropped", l.intakeDropped());
      n.put("sealed", l.sealed());
      n.put("uploaded", l.uploaded());
      l.evicted().forEach(n.putObject("evicted")::put);
      n.put("lost_before_commit", l.lostBeforeCommit());
      n.put("in_queue", l.inQueue());
      n.put("in_flight", l.inFlight());
      range(n.putObject("seq"), l.sealedRange());
      range(n.putObject("uploaded_seq"), l.uploadedRange());
      ArrayNode lost = n.putArray("lost_ranges");
      for (SeqRange r : l.lostRanges()) {
        lost.addObject().put("first", r.first()).put("last", r.last()).put("count", r.count());
      }
    }
  }

  private static void range(ObjectNode n, @Nullable SeqRange r) {
    n.put("first", r == null ? 0 : r.first());
    n.put("last", r == null ? 0 : r.last());
  }
}
