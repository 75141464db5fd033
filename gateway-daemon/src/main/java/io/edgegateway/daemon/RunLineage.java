package io.edgegateway.daemon;

import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.LineageSettings;
import java.util.UUID;

/** The lineage every batch of this run carries, from {@code gateway.lineage}. */
final class RunLineage {
  private RunLineage() {}

  /** The configured lineage; {@code run_id: auto} becomes {@code run-} and 8 random hex digits. */
  static BatchLineage of(LineageSettings l) {
    String runId =
        "auto".equals(l.runId())
            ? "run-" + UUID.randomUUID().toString().substring(0, 8)
            : l.runId();
    return new BatchLineage(l.firmwareVersion(), l.modelVersion(), runId, l.labels());
  }
}
