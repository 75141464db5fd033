package io.edgegateway.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicLedger;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.daemon.LedgerJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code queue}: inspects the durable queue. */
@Command(
    name = "queue",
    description = "Inspect the durable queue.",
    subcommands = QueueCommand.Stats.class)
final class QueueCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /**
   * {@code queue stats --config FILE [--json]}: depth, bytes and oldest age per stream, quarantined
   * files, and the completeness ledger per (stream, topic). Reads the data directory only (works
   * while a gateway runs or after it died).
   */
  @Command(
      name = "stats",
      description =
          "Queue depth, bytes, oldest age per stream; quarantined files; the completeness ledger"
              + " per stream and topic.")
  static final class Stats implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "YAML config file")
    Path config;

    @Option(names = "--json", description = "Print the ledger as JSON (as in /v1/status)")
    boolean json;

    @Override
    public Integer call() {
      Optional<GatewayConfig> cfg = ConfigFiles.load(config, spec.commandLine().getErr());
      if (cfg.isEmpty()) {
        return EdgeGatewayCli.EXIT_USAGE;
      }
      Path dir = cfg.get().gateway().dataDir();
      QueueStats s;
      List<TopicLedger> ledger;
      try {
        s = SqliteDurableQueue.inspect(dir);
        ledger =
            TopicLedger.combine(MmapIntakeLedger.read(dir), SqliteDurableQueue.inspectLedger(dir));
      } catch (QueueException e) {
        spec.commandLine().getErr().println("queue stats: " + e.getMessage());
        return EdgeGatewayCli.EXIT_FAILURE;
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode root = JSON.createObjectNode();
        LedgerJson.write(root.putArray("ledger"), ledger);
        out.println(root.toPrettyString());
        out.flush();
        return 0;
      }
      long now = System.currentTimeMillis();
      out.printf(
          "queue %s: %d batches, %d bytes, oldest %s%n",
          dir, s.batches(), s.bytes(), age(s.oldestSealedAtMillis(), now));
      s.streams()
          .forEach(
              (name, st) ->
                  out.printf(
                      "  stream %s: %d batches, %d bytes, oldest %s, last batch_seq %d%n",
                      name,
                      st.batches(),
                      st.bytes(),
                      age(st.oldestSealedAtMillis(), now),
                      st.lastBatchSeq()));
      printQuarantined(out, dir, s.quarantinedFiles());
      printLedger(out, ledger);
      out.flush();
      return 0;
    }

    private static void printQuarantined(PrintWriter out, Path dir, long wouldQuarantine) {
      List<String> corrupt = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(f -> f.contains(".corrupt-"))
            .sorted()
            .forEach(corrupt::add);
      } catch (IOException e) {
        out.printf("quarantined files: cannot list %s: %s%n", dir, e.getMessage());
        return;
      }
      out.printf(
          "quarantined files: %d%s%n",
          corrupt.size(),
          wouldQuarantine > 0 ? " (queue.db is corrupt: the next start moves it aside)" : "");
      corrupt.forEach(name -> out.printf("  %s%n", name));
    }

    private static void printLedger(PrintWriter out, List<TopicLedger> ledger) {
      out.printf(
          "ledger (%d topics; in_flight: in a running gateway's batcher, or lost and counted at"
              + " the next start):%n",
          ledger.size());
      if (ledger.isEmpty()) {
        return;
      }
      String format = "  %-12s %-28s %10s %11s %14s %10s %10s %8s %8s %9s %9s  %s%n";
      out.printf(
          format,
          "STREAM",
          "TOPIC",
          "ACCEPTED",
          "SAMPLED_OUT",
          "INTAKE_DROPPED",
          "SEALED",
          "UPLOADED",
          "EVICTED",
          "LOST",
          "IN_QUEUE",
          "IN_FLIGHT",
          "SEQ (sealed)");
      for (TopicLedger l : ledger) {
        out.printf(
            format,
            l.key().stream(),
            l.key().topic(),
            l.accepted(),
            l.sampledOut(),
            l.intakeDropped(),
            l.sealed(),
            l.uploaded(),
            l.evictedTotal(),
            l.lostBeforeCommit(),
            l.inQueue(),
            l.inFlight(),
            l.sealedRange() == null
                ? "-"
                : l.sealedRange().first() + ".." + l.sealedRange().last());
        List<String> detail = new ArrayList<>();
        l.evicted()
            .forEach(
                (reason, n) -> {
                  if (n > 0) {
                    detail.add("evicted " + reason + "=" + n);
                  }
                });
        if (l.uploadedRange() != null) {
          detail.add("uploaded seq " + l.uploadedRange().first() + ".." + l.uploadedRange().last());
        }
        for (SeqRange r : l.lostRanges()) {
          detail.add("lost seq " + r.first() + ".." + r.last() + " (" + r.count() + ")");
        }
        if (!detail.isEmpty()) {
          out.printf("      %s%n", String.join("; ", detail));
        }
      }
    }

    private static String age(long sealedAtMillis, long now) {
      return sealedAtMillis <= 0 ? "-" : String.format("%.1fs", (now - sealedAtMillis) / 1000.0);
    }
  }
}
