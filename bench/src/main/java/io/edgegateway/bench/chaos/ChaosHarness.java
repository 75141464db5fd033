package io.edgegateway.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The crash harness ({@code bench/chaos.sh}): runs the daemon as a separate process under a
 * continuous Cyclone DDS publisher with known per-topic sequences, SIGKILLs it at random instants
 * and restarts it, then drains it, stops it gracefully and audits Kafka with a read_committed
 * consumer.
 *
 * <p>Verdict: every per-topic gateway sequence number missing in Kafka must have been reported by
 * the daemon, after the restart, as lost before commit (the documented pre-commit window); nothing
 * may arrive twice. Published samples the daemon never accepted (while it was down) are counted as
 * not received, not as losses.
 */
public final class ChaosHarness {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double EARLY_KILL_SHARE = 0.15;

  private final ChaosOptions options;
  private final PrintStream out;

  public ChaosHarness(ChaosOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the harness against {@code options.bootstrapServers()} or an embedded broker. */
  public ChaosResult run() throws IOException, InterruptedException {
    if (options.bootstrapServers() != null) {
      return run(options.bootstrapServers());
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
      return run(kafka.bootstrapServers());
    }
  }

  private ChaosResult run(String bootstrap) throws IOException, InterruptedException {
    Path daemonJar = options.repoRoot().resolve("gateway-daemon/target/edge-gateway.jar");
    if (!Files.isRegularFile(daemonJar)) {
      throw new IOException(daemonJar + " is missing: build the daemon first (./mvnw package)");
    }
    String id = HexFormat.of().toHexDigits(new Random(options.seed()).nextInt());
    String kafkaTopic = "chaos." + id + ".telemetry";
    String checkpoints = "chaos." + id + ".checkpoints";
    createTopics(bootstrap, kafkaTopic, checkpoints);
    Path work = Files.createDirectories(options.workDir());
    String config = configTemplate(id, bootstrap, kafkaTopic, checkpoints, work.resolve("data"));
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < options.topics(); i++) {
      topics.add(options.rosTopic(i));
    }

    Random random = new Random(options.seed());
    long cycleMs = Math.max(500, options.seconds().toMillis() / Math.max(1, options.kills()));
    Map<String, Long> published;
    String finalStatus;
    int runs = 0;
    try (ChaosPublisher publisher =
        ChaosPublisher.start(
            options.repoRoot().resolve("bench/chaos"),
            work,
            options.domainId(),
            options.rateHz(),
            topics)) {
      for (int kill = 0; kill < options.kills(); kill++) {
        long startNs = System.nanoTime();
        DaemonProcess daemon = DaemonProcess.start(options.repoRoot(), work, runs++, config);
        if (random.nextDouble() < EARLY_KILL_SHARE) {
          Thread.sleep(random.nextInt(3000));
        } else {
          requireReady(daemon);
          long upMs = cycleMs - (System.nanoTime() - startNs) / 1_000_000;
          Thread.sleep(random.nextLong(Math.max(300, upMs)));
        }
        daemon.kill();
        out.printf(
            Locale.ROOT,
            "kill %d/%d after %d ms%n",
            kill + 1,
            options.kills(),
            (System.nanoTime() - startNs) / 1_000_000);
      }
      DaemonProcess last = DaemonProcess.start(options.repoRoot(), work, runs++, config);
      requireReady(last);
      Thread.sleep(2000);
      published = publisher.stop();
      finalStatus = awaitDrained(last);
      if (!last.stop(Duration.ofSeconds(60))) {
        throw new IOException("the final daemon run did not stop cleanly, see " + last.log());
      }
    }

    List<LossReport> reports = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      reports.addAll(LossReport.parse(run, work.resolve("daemon-" + run + ".log")));
    }
    DeliveryAudit audit = DeliveryAudit.read(bootstrap, kafkaTopic, Duration.ofSeconds(5));
    return verdict(published, reports, audit, finalStatus);
  }

  private ChaosResult verdict(
      Map<String, Long> published, List<LossReport> reports, DeliveryAudit audit, String status)
      throws IOException {
    Map<String, JsonNode> ledger = new HashMap<>();
    for (JsonNode line : JSON.readTree(status).path("ledger")) {
      ledger.put(line.path("topic").asText(), line);
    }
    long totalPublished = 0;
    long delivered = 0;
    long lostCommitted = 0;
    long lostUncommitted = 0;
    long reportedButDelivered = 0;
    long daemonLost = 0;
    double maxWindowMs = 0;
    for (int i = 0; i < options.topics(); i++) {
      String topic = options.rosTopic(i);
      totalPublished += published.getOrDefault(topic, 0L);
      delivered += audit.delivered(topic);
      BitSet reported = new BitSet();
      long reportedCount = 0;
      for (LossReport r : reports) {
        if (r.topic().equals(topic)) {
          reported.set(Math.toIntExact(r.first()), Math.toIntExact(r.last()) + 1);
          reportedCount += r.count();
          maxWindowMs = Math.max(maxWindowMs, r.count() * 1000.0 / options.rateHz());
        }
      }
      JsonNode counts = ledger.getOrDefault(topic, JSON.createObjectNode());
      long otherwiseCounted =
          counts.path("sampled_out").asLong() + counts.path("intake_dropped").asLong();
      daemonLost += counts.path("lost_before_commit").asLong();
      BitSet arrived = audit.gatewaySeqs(topic);
      int highest = Math.max(arrived.length(), reported.length()) - 1;
      long missing = Math.max(0, highest - arrived.cardinality());
      // Every missing seq must be explained by a count of the daemon's ledger.
      lostCommitted += Math.max(0, missing - reportedCount - otherwiseCounted);
      BitSet both = (BitSet) reported.clone();
      both.and(arrived);
      reportedButDelivered += both.cardinality();
      lostUncommitted += reportedCount;
    }
    out.println("audit: records=" + audit.records() + " daemon_lost_total=" + daemonLost);
    return new ChaosResult(
        options.kills(),
        totalPublished,
        delivered,
        audit.duplicates(),
        lostCommitted,
        lostUncommitted,
        reportedButDelivered,
        Math.max(0, totalPublished - delivered - lostUncommitted),
        audit.batchGaps(),
        maxWindowMs,
        daemonLost);
  }

  private static void requireReady(DaemonProcess daemon) throws IOException, InterruptedException {
    if (!daemon.awaitReady(Duration.ofSeconds(120))) {
      throw new IOException(
          "daemon did not become ready (alive="
              + daemon.isAlive()
              + "); last lines of "
              + daemon.log()
              + ":\n"
              + tail(daemon.log()));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Waits until the queue and the intake are empty twice in a row; returns the last status. */
  private static String awaitDrained(DaemonProcess daemon)
      throws IOException, InterruptedException {
    Pattern batches = Pattern.compile("\"queue\"\\s*:\\s*\\{\\s*\"batches\"\\s*:\\s*(\\d+)");
    Pattern intake = Pattern.compile("\"intake_depth\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    int emptyInARow = 0;
    while (System.nanoTime() < deadline) {
      String status = daemon.status();
      if (status != null) {
        Matcher b = batches.matcher(status);
        Matcher i = intake.matcher(status);
        boolean empty = b.find() && i.find() && b.group(1).equals("0") && i.group(1).equals("0");
        emptyInARow = empty ? emptyInARow + 1 : 0;
        if (emptyInARow >= 3) {
          return status;
        }
      }
      Thread.sleep(500);
    }
    throw new IOException("the daemon did not drain its queue within 180 s");
  }

  private static void createTopics(String bootstrap, String telemetry, String checkpoints)
      throws IOException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(telemetry, 1, (short) 1),
                  new NewTopic(checkpoints, 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("cannot create the harness's Kafka topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating topics", e);
    }
  }

  private String configTemplate(
      String id, String bootstrap, String kafkaTopic, String checkpoints, Path dataDir) {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < options.topics(); i++) {
      rules.append(
          String.format(
              Locale.ROOT,
              "    - match: %s%n      type: std_msgs/msg/String%n      sample: {keep_all: true}%n",
              options.rosTopic(i)));
    }
    return String.format(
        Locale.ROOT,
        """
        # Generated by the crash harness (bench/chaos.sh).
        gateway:
          robot_id: chaos-%s
          data_dir: %s
        ros2:
          domain_id: %d
          topics:
        %s\
        buffer:
          batch: {max_bytes: 64KiB, linger_ms: %d}
        uplink:
          kafka:
            bootstrap_servers: %s
          streams:
            telemetry: {topic: %s}
          checkpoint_topic: %s
        http:
          bind: 127.0.0.1:@HTTP_PORT@
        """,
        id,
        dataDir,
        options.domainId(),
        rules,
        options.lingerMs(),
        bootstrap,
        kafkaTopic,
        checkpoints);
  }

  /**
   * {@code bench/chaos.sh [--kills N] [--seconds S] [--topics T] [--rate HZ] [--linger-ms MS]
   * [--domain D] [--bootstrap HOST:PORT] [--work-dir DIR] [--seed N]}. Exit 0 when the verdict
   * passed, 1 when it did not, 2 on a usage or harness error.
   */
  public static void main(String[] args) throws Exception {
    int kills = 20;
    Integer seconds = null;
    int topics = 3;
    int rate = 200;
    int linger = 200;
    int domain = 77;
    String bootstrap = null;
    Path work = null;
    long seed = System.nanoTime();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--kills" -> kills = Integer.parseInt(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--topics" -> topics = Integer.parseInt(value);
        case "--rate" -> rate = Integer.parseInt(value);
        case "--linger-ms" -> linger = Integer.parseInt(value);
        case "--domain" -> domain = Integer.parseInt(value);
        case "--bootstrap" -> bootstrap = value;
        case "--work-dir" -> work = Path.of(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    Path root = Path.of(System.getProperty("edge-gateway.home", ".")).toAbsolutePath().normalize();
    if (work == null) {
      work = Files.createTempDirectory("eg-chaos-");
    }
    ChaosOptions options =
        new ChaosOptions(
            kills,
            Duration.ofSeconds(seconds == null ? kills * 3L : seconds),
            topics,
            rate,
            linger,
            domain,
            bootstrap,
            root,
            work,
            seed);
    System.out.println(
        "chaos: seed=" + seed + " work=" + work + " kills=" + kills + " rate_hz=" + rate);
    ChaosResult result = new ChaosHarness(options, System.out).run();
    System.out.println(result.detailsLine());
    System.out.println(result.summaryLine());
    System.exit(result.passed() ? 0 : 1);
  }
}
