package io.edgegateway.daemon.cli;

import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.QueueException;
import io.edgegateway.core.port.QueueStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
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

  /** {@code queue stats --config FILE}: depth, bytes and oldest age per stream. */
  @Command(name = "stats", description = "Queue depth, bytes, oldest age per stream.")
  static final class Stats implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "YAML config file")
    Path config;

    @Override
    public Integer call() {
      Optional<GatewayConfig> cfg = ConfigFiles.load(config, spec.commandLine().getErr());
      if (cfg.isEmpty()) {
        return EdgeGatewayCli.EXIT_USAGE;
      }
      Path dir = cfg.get().gateway().dataDir();
      QueueStats s;
      try {
        s = SqliteDurableQueue.inspect(dir);
      } catch (QueueException e) {
        spec.commandLine().getErr().println("queue stats: " + e.getMessage());
        return EdgeGatewayCli.EXIT_FAILURE;
      }
      PrintWriter out = spec.commandLine().getOut();
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
      out.flush();
      return 0;
    }

    private static String age(long sealedAtMillis, long now) {
      return sealedAtMillis <= 0 ? "-" : String.format("%.1fs", (now - sealedAtMillis) / 1000.0);
    }
  }
}
