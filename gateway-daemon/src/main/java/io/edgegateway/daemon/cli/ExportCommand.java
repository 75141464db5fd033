package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.BatchSource;
import io.edgegateway.core.port.SourceUnavailableException;
import io.edgegateway.mcap.McapWriter;
import io.edgegateway.mcap.Ros2Export;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.uplink.KafkaBatchSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export --format mcap}: writes the samples of an incident or a time range read from Kafka,
 * or of an incident in the robot's own capture store ({@code --config F --incident ID}), as a
 * ros2-profile MCAP file that Foxglove and the {@code mcap} tools open.
 *
 * <p>The file is written next to {@code --out} as {@code <out>.part} and moved into place when it
 * is complete; an export that fails or finds nothing leaves no file.
 */
@Command(
    name = "export",
    description =
        "Write an incident or a time range from Kafka, or an incident from the robot's own"
            + " capture store, as an MCAP file (ros2 profile: ros2msg schemas, cdr messages, zstd"
            + " chunks, summary and index).")
final class ExportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--format", required = true, description = "Output format: mcap")
  String format;

  @Option(names = "--out", required = true, description = "The file to write, e.g. fall.mcap")
  Path out;

  @Option(names = "--bootstrap", description = "Kafka bootstrap HOST:PORT (reading from Kafka)")
  @Nullable String bootstrap;

  @Option(
      names = "--topic",
      description = "Kafka topic, e.g. edge.telemetry.v1 or edge.incidents.v1 (with --bootstrap)")
  @Nullable String topic;

  @Option(
      names = "--config",
      description =
          "The robot's config file: export --incident ID from its own capture store"
              + " (<data_dir>/incidents.db) instead of Kafka")
  @Nullable Path config;

  @Option(names = "--robot", description = "Only this robot's records (the record key)")
  @Nullable String robot;

  @Option(
      names = "--incident",
      description = "Only the records of this incident (header eg-incident-id)")
  @Nullable String incident;

  @Option(
      names = "--from",
      description = "First receive time: ISO-8601 (2026-12-03T12:00:00Z), now, or relative (-10m)")
  @Nullable String from;

  @Option(names = "--to", description = "Last receive time, same forms as --from; default: now")
  @Nullable String to;

  @Option(
      names = "--dictionary-topic",
      defaultValue = "edge.gateway.dictionaries",
      description = "Topic of the zstd dictionaries; default: ${DEFAULT-VALUE}")
  String dictionaryTopic;

  @Option(
      names = "--timeout",
      defaultValue = "15s",
      description = "How long to wait for the brokers; default: ${DEFAULT-VALUE}")
  String timeout;

  /** Whether stderr is a terminal (progress line); tests set it. */
  boolean terminal = ExportProgress.onTerminal();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!format.toLowerCase(Locale.ROOT).equals("mcap")) {
      err.println("export: --format " + format + " (expected: mcap)");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    if (config != null) {
      if (bootstrap != null || topic != null || robot != null || from != null || to != null) {
        err.println(
            "export: --config reads one incident from the robot's store; give only --incident");
        return EdgeGatewayCli.EXIT_USAGE;
      }
      if (incident == null) {
        err.println("export: --config needs --incident ID");
        return EdgeGatewayCli.EXIT_USAGE;
      }
      return fromStore(config, incident);
    }
    if (bootstrap == null || topic == null) {
      err.println(
          "export: give --bootstrap B --topic T (from Kafka) or --config F (from the robot)");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    String bootstrap = this.bootstrap;
    String topic = this.topic;
    if (incident == null && from == null) {
      err.println("export: give --incident ID, or --from TIME [--to TIME] for a time range");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    if (from == null && to != null) {
      err.println("export: --to needs --from");
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Instant now = Instant.now();
    long fromNs = from == null ? 0 : ExportTimes.parseNs(spec, "--from", from, now);
    long toNs =
        to == null
            ? (from == null ? Long.MAX_VALUE : ExportTimes.parseNs(spec, "--to", "now", now))
            : ExportTimes.parseNs(spec, "--to", to, now);
    if (toNs < fromNs) {
      err.println("export: --to " + to + " is before --from " + from);
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Duration wait = CliDurations.parse(spec, "--timeout", timeout);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source", "kafka:" + topic);
    if (from != null) {
      meta.put("from_ns", Long.toString(fromNs));
      meta.put("to_ns", Long.toString(toNs));
    }
    Ros2Export.Request request = new Ros2Export.Request(fromNs, toNs, incident, meta);
    Path part = out.resolveSibling(out.getFileName() + ".part");
    try (KafkaBatchSource source =
            KafkaBatchSource.open(
                bootstrap,
                topic,
                Map.of(),
                dictionaryTopic,
                new KafkaBatchSource.Selection(robot, incident, fromNs),
                wait);
        StopSignal stop =
            StopSignal.install("eg-export-stop", Duration.ofSeconds(5), source::wakeup)) {
      Ros2Export.Result result = write(source, part, request, err, terminal, stop::requested);
      if (stop.requested()) {
        Files.deleteIfExists(part);
        err.println("export: interrupted, no file written");
        return EdgeGatewayCli.EXIT_FAILURE;
      }
      return finish(result, part, err);
    } catch (SourceUnavailableException e) {
      Files.deleteIfExists(part);
      err.println("export: " + e.getMessage());
      return EdgeGatewayCli.EXIT_FAILURE;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
  }

  /** {@code --config F --incident ID}: one sealed incident from the robot's capture store. */
  private int fromStore(Path file, String id) throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<GatewayConfig> loaded = ConfigFiles.load(file, err);
    if (loaded.isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Path part = out.resolveSibling(out.getFileName() + ".part");
    try (StoreExport store = StoreExport.open(loaded.get())) {
      Optional<String> refused = store.refusal(id);
      if (refused.isPresent()) {
        err.println("export: " + refused.get());
        return EdgeGatewayCli.EXIT_USAGE;
      }
      try (IncidentBatchSource source = store.source(id)) {
        return finish(
            write(source, part, store.request(id), err, terminal, () -> false), part, err);
      }
    } catch (SourceUnavailableException e) {
      Files.deleteIfExists(part);
      err.println("export: " + e.getMessage());
      return EdgeGatewayCli.EXIT_FAILURE;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
  }

  /** Writes {@code source} as MCAP to {@code part}; progress on {@code err} when a terminal. */
  static Ros2Export.Result write(
      BatchSource source,
      Path part,
      Ros2Export.Request request,
      PrintWriter err,
      boolean terminal,
      BooleanSupplier stop)
      throws IOException, SourceUnavailableException {
    String library = new VersionProvider().getVersion()[0];
    Ros2Export export =
        new Ros2Export(
            MessageRegistry.bundled()::fullDefinitionTextOrEmpty, McapWriter.Options.ros2(library));
    ExportProgress progress = new ExportProgress(err, terminal, System::nanoTime);
    try (OutputStream os = Files.newOutputStream(part)) {
      return export.run(source, os, request, progress, stop);
    } finally {
      progress.finish();
      if (source instanceof KafkaBatchSource kafka && kafka.malformed() > 0) {
        err.println("export: " + kafka.malformed() + " records were not decodable batches");
      }
    }
  }

  private int finish(Ros2Export.Result result, Path part, PrintWriter err) throws IOException {
    result
        .skippedByType()
        .forEach(
            (type, n) ->
                err.println(
                    "export: skipped "
                        + n
                        + " samples of "
                        + type
                        + ": no message definition (the ros2 profile needs a schema)"));
    if (result.messages() == 0) {
      Files.deleteIfExists(part);
      err.println(
          "export: nothing to export: "
              + (incident != null ? "no records of incident " + incident : "no samples")
              + (from != null ? " between " + from + " and " + (to == null ? "now" : to) : "")
              + (robot != null ? " from robot " + robot : "")
              + " on "
              + (config != null ? "the robot's capture store" : topic)
              + (result.skipped() > 0 ? " (" + result.skipped() + " skipped)" : ""));
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.debug("Exported {} messages to {}", result.messages(), out);
    spec.commandLine()
        .getOut()
        .printf(
            "export: wrote %s: %d messages on %d topics, %s%s%n",
            out,
            result.messages(),
            result.messagesByTopic().size(),
            ExportProgress.size(result.bytes()),
            result.skipped() > 0 ? ", " + result.skipped() + " samples skipped" : "");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
