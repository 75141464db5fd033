package io.edgegateway.daemon.cli;

import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.GatewaySettings;
import io.edgegateway.core.config.KafkaSettings;
import io.edgegateway.core.config.StreamSettings;
import io.edgegateway.core.config.UplinkSettings;
import io.edgegateway.core.port.Clock;
import io.edgegateway.daemon.Gateway;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import io.edgegateway.testkit.sim.HumanoidProfile;
import io.edgegateway.testkit.sim.HumanoidSimulator;
import io.edgegateway.uplink.BatchReader;
import io.edgegateway.uplink.ReceivedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a real embedded Kafka broker, the simulated humanoid-1 on DDS and the daemon with
 * {@code config/demo.yaml}; one status line per second; at the end the samples the gateway sealed
 * are counted again in Kafka with a read_committed consumer.
 */
@Command(
    name = "demo",
    description = "Embedded Kafka + simulated humanoid-1 on DDS + the daemon, with live stats.")
final class DemoCommand implements Callable<Integer> {
  /** How long the demo waits, after its run, for the mid-run incident to be sealed. */
  private static final Duration SEAL_WAIT = Duration.ofSeconds(20);

  @Spec CommandSpec spec;

  @Mixin ConsoleLogging logging;

  @Option(names = "--duration", defaultValue = "30s", description = "How long (default: 30s)")
  String duration;

  @Option(names = "--config", description = "Config file (default: config/demo.yaml)")
  @Nullable Path config;

  @Option(names = "--rate-scale", defaultValue = "1", description = "Multiply every rate by this")
  double rateScale;

  @Override
  public Integer call() throws Exception {
    try (ConsoleLogging.Restore level = logging.apply()) {
      return demo();
    }
  }

  private int demo() throws Exception {
    Duration limit = CliDurations.parse(spec, "--duration", duration);
    PrintWriter out = spec.commandLine().getOut();
    Path file =
        config != null
            ? config
            : Path.of(System.getProperty("edge-gateway.home", ".")).resolve("config/demo.yaml");
    Optional<GatewayConfig> loaded = ConfigFiles.load(file, spec.commandLine().getErr());
    if (loaded.isEmpty()) {
      return EdgeGatewayCli.EXIT_USAGE;
    }
    Path tmp = Files.createTempDirectory("edge-gateway-demo");
    // Ctrl-C ends the demo early and it still exits 0 (docs: "after --duration or Ctrl-C")
    try (StopSignal stop = StopSignal.install("eg-demo-stop", Duration.ofSeconds(30), null);
        TerminationSignals signals = TerminationSignals.trap(stop::request)) {
      return runDemo(loaded.get(), tmp, limit, stop, out);
    } finally {
      deleteRecursively(tmp);
    }
  }

  // "try": sim.close() inside its own try-with-resources is deliberate: the simulator stops
  // publishing before the gateway drains; the resource closes it again (idempotent) on the way out.
  @SuppressWarnings("try")
  private int runDemo(
      GatewayConfig base, Path tmp, Duration limit, StopSignal stop, PrintWriter out)
      throws InterruptedException {
    out.println("demo: starting an embedded Kafka broker (KRaft)...");
    out.flush();
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      GatewayConfig cfg = forDemo(base, tmp.resolve("data"), kafka.bootstrapServers());
      for (StreamSettings s : cfg.uplink().streams().values()) {
        kafka.createTopic(s.topic(), 1, false);
      }
      kafka.createTopic(cfg.uplink().checkpointTopic(), 1, true);
      HumanoidProfile profile = HumanoidProfile.humanoid1();
      long sealed;
      long delivered;
      try (FastDdsBus simBus = FastDdsBus.join(cfg.ros2().domainId(), "humanoid_sim");
          HumanoidSimulator sim =
              new HumanoidSimulator(simBus, profile, rateScale, Clock.system())) {
        Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(15));
        DemoIncident incident =
            cfg.capture().enabled() ? new DemoIncident(gateway.httpPort(), limit) : null;
        try {
          out.printf(
              "demo: broker %s, DDS domain %d, humanoid-1 x%.1f (%.0f msgs/s), metrics"
                  + " http://127.0.0.1:%d/metrics%n",
              kafka.bootstrapServers(),
              cfg.ros2().domainId(),
              rateScale,
              profile.messagesPerSecond() * rateScale,
              gateway.httpPort());
          out.flush();
          sim.start();
          statusLoop(gateway, limit, stop, out, incident);
          if (incident != null && !stop.requested() && !incident.awaitSealed(SEAL_WAIT)) {
            out.println("demo: the incident was not sealed in time; it is not exported");
          }
          sim.close();
        } finally {
          out.println("demo: stopping: sealing open batches and uploading the backlog...");
          out.flush();
          gateway.close();
        }
        if (incident != null) {
          incident.export(
              cfg, Path.of(System.getProperty("java.io.tmpdir")), out, spec.commandLine().getErr());
        }
        MeterRegistry r = gateway.registry();
        sealed = (long) sum(r, "gateway.batcher.records.sealed");
        delivered = (long) sum(r, "gateway.uplink.batches", "outcome", "ok");
      }
      long[] inKafka = countInKafka(kafka.bootstrapServers(), cfg);
      out.printf(
          "demo: sealed %d samples into %d delivered batches; Kafka holds %d batches with %d"
              + " samples (read_committed); missing %d%n",
          sealed, delivered, inKafka[0], inKafka[1], Math.max(0, sealed - inKafka[1]));
      out.flush();
      return inKafka[1] >= sealed ? 0 : EdgeGatewayCli.EXIT_FAILURE;
    }
  }

  private static void statusLoop(
      Gateway gateway,
      Duration limit,
      StopSignal stop,
      PrintWriter out,
      @Nullable DemoIncident incident)
      throws InterruptedException {
    MeterRegistry r = gateway.registry();
    long start = System.nanoTime();
    double lastIn = 0;
    int second = 0;
    while (!stop.await(Duration.ofSeconds(1))) {
      second++;
      double in = sum(r, "gateway.bus.messages.received");
      var q = gateway.queueStats();
      double drops =
          sum(r, "gateway.sampler.dropped", "reason", "intake_full")
              + sum(r, "gateway.queue.append.lost.records");
      double sampledOut =
          sum(r, "gateway.sampler.dropped")
              - sum(r, "gateway.sampler.dropped", "reason", "intake_full");
      out.printf(
          "t=%3ds in=%6.0f/s sampled_out=%-7.0f queued=%3d batches (%6.1f KiB) uploaded=%5.0f"
              + " batches (%7.1f MiB) lag=%5.2fs drops=%.0f uplink=%s%n",
          second,
          in - lastIn,
          sampledOut,
          q.batches(),
          q.bytes() / 1024.0,
          sum(r, "gateway.uplink.batches", "outcome", "ok"),
          sum(r, "gateway.uplink.bytes") / (1024.0 * 1024.0),
          maxGauge(r, "gateway.uplink.lag"),
          drops,
          gateway.uplinkState().name().toLowerCase(java.util.Locale.ROOT));
      if (incident != null) {
        incident.tick(second, out);
      }
      out.flush();
      lastIn = in;
      if (System.nanoTime() - start >= limit.toNanos()) {
        break;
      }
    }
  }

  private static double sum(MeterRegistry r, String name, String... tags) {
    return r.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static double maxGauge(MeterRegistry r, String name) {
    return r.find(name).gauges().stream().mapToDouble(Gauge::value).max().orElse(0);
  }

  private static GatewayConfig forDemo(GatewayConfig c, Path dataDir, String bootstrap) {
    GatewaySettings g = c.gateway();
    UplinkSettings u = c.uplink();
    return new GatewayConfig(
            new GatewaySettings(g.robotId(), dataDir, g.lineage()),
            c.ros2(),
            c.buffer(),
            new UplinkSettings(
                new KafkaSettings(bootstrap, u.kafka().properties()),
                u.streams(),
                u.checkpointTopic(),
                u.dictionaryTopic()),
            c.http().withPort(0))
        .withCapture(c.capture());
  }

  private static long[] countInKafka(String bootstrap, GatewayConfig cfg) {
    long batches = 0;
    long samples = 0;
    for (StreamSettings s : cfg.uplink().streams().values()) {
      try (BatchReader reader =
          BatchReader.create(
              bootstrap,
              s.topic(),
              BatchReader.StartPosition.EARLIEST,
              Map.of(),
              cfg.uplink().dictionaryTopic())) {
        int emptyPolls = 0;
        while (emptyPolls < 3) {
          List<ReceivedBatch> got = reader.poll(Duration.ofMillis(500));
          if (got.isEmpty()) {
            emptyPolls++;
            continue;
          }
          emptyPolls = 0;
          batches += got.size();
          samples += got.stream().mapToLong(b -> b.batch().getRecordsCount()).sum();
        }
      }
    }
    return new long[] {batches, samples};
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("demo: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
