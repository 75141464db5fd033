package io.edgegateway.daemon.cli;

import io.edgegateway.buffer.capture.SqliteIncidentStore;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentState;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.LineageSettings;
import io.edgegateway.mcap.Ros2Export;
import io.edgegateway.ros2.msg.MessageRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The robot's own capture store ({@code <data_dir>/incidents.db}) as a source of MCAP exports:
 * {@code export --config F --incident ID} and the demo's mid-run incident. Read-only use; safe
 * while a gateway runs on the same data directory.
 */
final class StoreExport implements AutoCloseable {
  private final GatewayConfig config;
  private final Path db;
  private final @Nullable SqliteIncidentStore store; // null: no store on disk

  private StoreExport(GatewayConfig config, Path db, @Nullable SqliteIncidentStore store) {
    this.config = config;
    this.db = db;
    this.store = store;
  }

  /** The store of {@code config}'s data directory; one that does not exist is not created. */
  static StoreExport open(GatewayConfig config) {
    Path dataDir = config.gateway().dataDir();
    Path db = dataDir.resolve(SqliteIncidentStore.FILE);
    return new StoreExport(
        config, db, Files.isRegularFile(db) ? SqliteIncidentStore.open(dataDir) : null);
  }

  /** Why incident {@code id} cannot be exported (no store, no such incident, still recording). */
  Optional<String> refusal(String id) {
    if (store == null) {
      return Optional.of(
          "no capture store at " + db + " (capture is off, or nothing was captured)");
    }
    Optional<Incident> found = store.find(id);
    if (found.isEmpty()) {
      return Optional.of("no incident " + id + " in " + db);
    }
    if (found.get().state() == IncidentState.RECORDING) {
      return Optional.of(
          "incident " + id + " is still recording; it is sealed when its window ends");
    }
    return Optional.empty();
  }

  /** The export request of a sealed incident: its window and its metadata. */
  Ros2Export.Request request(String id) {
    Incident inc = incident(id);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source", "capture-store:" + db);
    meta.put("triggers", String.join(",", inc.triggers()));
    meta.put("reason", inc.reason());
    meta.put("complete", Boolean.toString(inc.complete()));
    if (!inc.note().isEmpty()) {
      meta.put("note", inc.note());
    }
    return new Ros2Export.Request(inc.fromNs(), inc.toNs(), id, meta);
  }

  /**
   * The samples of a sealed incident (call {@link #refusal} first). The store does not keep the run
   * id: the batches carry the config's, or none when it is {@code auto}.
   */
  IncidentBatchSource source(String id) {
    Incident inc = incident(id);
    LineageSettings l = config.gateway().lineage();
    BatchLineage lineage =
        new BatchLineage(
            l.firmwareVersion(),
            l.modelVersion(),
            "auto".equals(l.runId()) ? "" : l.runId(),
            l.labels());
    long total = inc.counts().values().stream().mapToLong(Long::longValue).sum();
    MessageRegistry registry =
        MessageRegistry.load(config.ros2().distro(), config.ros2().messagePaths());
    return new IncidentBatchSource(
        opened().samples(id),
        config.gateway().robotId(),
        lineage,
        registry::fullDefinitionTextOrEmpty,
        total);
  }

  private Incident incident(String id) {
    return opened().find(id).orElseThrow(() -> new NoSuchElementException("incident " + id));
  }

  private SqliteIncidentStore opened() {
    if (store == null) {
      throw new IllegalStateException("no capture store at " + db);
    }
    return store;
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }
}
