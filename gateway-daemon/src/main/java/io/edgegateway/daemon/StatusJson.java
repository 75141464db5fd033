package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.core.clock.ClockStatus;
import io.edgegateway.core.port.QueueStats;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON form of a {@link GatewayStatus}, the {@code /v1/status} document. Field names and their
 * order are the wire format of that endpoint.
 */
final class StatusJson {
  private StatusJson() {}

  static ObjectNode of(GatewayStatus s) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("robot_id", s.robotId());
    root.put("instance_id", s.instanceId());
    root.put("uptime_seconds", s.uptimeSeconds());
    GatewayStatus.BusStatus bus = s.bus();
    ObjectNode b = root.putObject("bus");
    b.put("joined", bus.joined());
    b.put("domain_id", bus.domainId());
    var subscribed = b.putArray("subscriptions");
    bus.subscriptions().forEach(subscribed::add);
    b.put("discovery", bus.discovery());
    QueueStats qs = s.queue().stats();
    ObjectNode q = root.putObject("queue");
    q.put("batches", qs.batches());
    q.put("bytes", qs.bytes());
    q.put("oldest_age_seconds", s.queue().oldestAgeSeconds());
    ObjectNode streams = q.putObject("streams");
    qs.streams()
        .forEach(
            (name, st) -> {
              ObjectNode n = streams.putObject(name);
              n.put("batches", st.batches());
              n.put("bytes", st.bytes());
              n.put("last_batch_seq", st.lastBatchSeq());
            });
    qs.evictedBatches().forEach(q.putObject("evicted_batches")::put);
    q.put("quarantined_files", qs.quarantinedFiles());
    q.put("disk_full", s.queue().diskFull());
    ObjectNode uplink = root.putObject("uplink");
    uplink.put("state", s.uplink().name().toLowerCase(Locale.ROOT));
    s.tls()
        .ifPresent(
            t -> {
              ObjectNode tls = uplink.putObject("tls");
              tls.put("certificate", t.certificate());
              tls.put("not_after", t.notAfter().toString());
              tls.put("rotations", t.rotations());
              tls.put("reload_failures", t.reloadFailures());
              if (t.lastError().isPresent()) {
                tls.put("last_error", t.lastError().get());
              } else {
                tls.putNull("last_error");
              }
            });
    BudgetJson.write(uplink.putObject("budget"), s.budget());
    root.put("intake_depth", s.intakeDepth());
    GatewayStatus.FastPathStatus fast = s.fastPath();
    ObjectNode f = root.putObject("fast_path");
    f.put("scheduling", fast.scheduling().name().toLowerCase(Locale.ROOT));
    f.put("threads", fast.threads());
    var relays = f.putArray("relays");
    fast.relays()
        .forEach(
            r ->
                relays
                    .addObject()
                    .put("topic", r.topic())
                    .put("relayed", r.relayed())
                    .put("failed", r.failed()));
    ClockStatus clock = s.clock();
    ObjectNode k = root.putObject("clock");
    k.put("synchronized", clock.synchronised());
    putSeconds(k, "max_error_s", clock.maxErrorSeconds());
    putSeconds(k, "est_error_s", clock.estimatedErrorSeconds());
    k.put("source", clock.source());
    k.put("jumps", clock.jumps());
    ConfigState config = s.config();
    ObjectNode c = root.putObject("config");
    c.put("generation", config.generation());
    c.put("sha256", config.sha256());
    ConfigState.ReloadOutcome r = config.lastReload();
    ObjectNode last = c.putObject("last_reload");
    last.put("ok", r.ok());
    if (r.error().isPresent()) {
      last.put("error", r.error().get());
    } else {
      last.putNull("error");
    }
    last.put("at", Instant.ofEpochMilli(r.atMillis()).toString());
    LedgerJson.write(root.putArray("ledger"), s.ledger());
    return root;
  }

  /** {@code seconds}, or null when unknown (NaN). */
  private static void putSeconds(ObjectNode o, String name, double seconds) {
    if (Double.isNaN(seconds)) {
      o.putNull(name);
    } else {
      o.put(name, seconds);
    }
  }
}
