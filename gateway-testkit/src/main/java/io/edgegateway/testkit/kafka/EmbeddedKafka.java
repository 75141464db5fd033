package io.edgegateway.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft broker and controller in one {@link KafkaRaftServer}) running
 * inside this JVM on 127.0.0.1, for tests and the {@code demo} command.
 *
 * <p>An instance owns two ports (client and controller) and a log directory for its whole life:
 * {@link #stop()} and {@link #start()} (or {@link #restart()}) bring the same broker down and up
 * again on the same ports with the same data, so a client sees a broker outage. {@link #close()}
 * stops the broker and deletes the log directory. Instances are created stopped:
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.create().start()) {
 *   kafka.createTopic("telemetry", 3, false);
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Implementation notes: the first start in a JVM takes about 2.5 s, later ones well under a
 * second; a broker costs about 35 MiB of heap and 80 threads, so tests share one through {@link
 * SharedKafkaExtension}. Starting a broker replaces Kafka's process-wide {@link Exit} exit and halt
 * procedures with ones that throw {@link IllegalStateException}, so a broker that gives up (for
 * example on an out-of-memory error) fails its caller instead of killing the JVM. The log cleaner
 * dedupe buffer is 4 MiB instead of 128 MiB so the broker fits small test heaps. Records up to
 * {@link #MAX_MESSAGE_BYTES} are accepted. Topics are not auto-created.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /** Largest record batch the broker accepts ({@code message.max.bytes}): 17 MiB. */
  public static final int MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long METADATA_POLL_MS = 10;

  private final int brokerPort;
  private final int controllerPort;
  private final Path rootDir;
  private final Path dataDir;
  private final String clusterId = newClusterId();
  private final Map<String, String> overrides;
  private KafkaRaftServer server;
  private boolean formatted;
  private boolean closed;

  private EmbeddedKafka(
      int brokerPort, int controllerPort, Path rootDir, Map<String, String> overrides) {
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.rootDir = rootDir;
    this.dataDir = rootDir.resolve("data");
    this.overrides = overrides;
  }

  /** Creates a stopped broker on two free ports with a fresh temporary log directory. */
  public static EmbeddedKafka create() {
    return builder().build();
  }

  /** Returns a builder for a broker with fixed ports or extra broker properties. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker and returns once it is registered with its controller; does nothing if it is
   * running. The first start formats the log directory.
   *
   * @return this
   * @throws IllegalStateException if the broker fails to start or was closed
   */
  public synchronized EmbeddedKafka start() {
    if (closed) {
      throw new IllegalStateException("broker closed");
    }
    if (server != null) {
      return this;
    }
    guardExit();
    long startNs = System.nanoTime();
    Properties props = brokerProperties();
    if (!formatted) {
      format(props);
      formatted = true;
    }
    KafkaConfig config = new KafkaConfig(props, false);
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(s);
      throw new IllegalStateException("broker failed to start on " + bootstrapServers(), e);
    }
    server = s;
    LOG.info(
        "Embedded Kafka started on {} in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    return this;
  }

  /** Stops the broker, keeping ports and data for a later {@link #start()}; idempotent. */
  public synchronized void stop() {
    KafkaRaftServer s = server;
    if (s == null) {
      return;
    }
    server = null;
    long startNs = System.nanoTime();
    s.shutdown();
    s.awaitShutdown();
    LOG.info(
        "Embedded Kafka on {} stopped in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
  }

  /** Stops and starts the broker on the same ports with the same data. */
  public synchronized EmbeddedKafka restart() {
    stop();
    return start();
  }

  /** Whether the broker is running. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** {@code 127.0.0.1:<port>}, valid whether or not the broker is running. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** Port of the client (PLAINTEXT) listener. */
  public int brokerPort() {
    return brokerPort;
  }

  /** Port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerPort;
  }

  /**
   * Temporary directory holding the broker's configuration, data and metadata logs; deleted by
   * {@link #close()}.
   */
  public Path logDir() {
    return rootDir;
  }

  /**
   * Creates a topic with replication factor 1; returns once the broker serves every partition, so
   * clients can use the topic at once.
   *
   * @param partitions at least 1
   * @param compacted whether the topic uses {@code cleanup.policy=compact} (else {@code delete})
   * @throws IllegalStateException if the broker is not running, the topic exists or creation does
   *     not finish within 30 s
   */
  public void createTopic(String name, int partitions, boolean compacted) {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions : " + partitions + " (expected: >= 1)");
    }
    if (!isRunning()) {
      throw new IllegalStateException("broker not running; cannot create topic " + name);
    }
    NewTopic topic =
        new NewTopic(name, partitions, (short) 1)
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    compacted
                        ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE));
    try (Admin admin = admin()) {
      long deadlineNs = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
      admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitLeaders(admin, name, deadlineNs);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not created within " + ADMIN_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /** Stops the broker and deletes its log directory; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      deleteRecursively(rootDir);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ADMIN_TIMEOUT.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000));
  }

  /**
   * Polls the broker's metadata until every partition of {@code name} has a leader: the controller
   * acknowledges a new topic before the broker has applied it.
   */
  private static void awaitLeaders(Admin admin, String name, long deadlineNs)
      throws ExecutionException, InterruptedException, TimeoutException {
    while (true) {
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
      if (leftMs <= 0) {
        throw new TimeoutException("partitions of " + name + " have no leader");
      }
      try {
        TopicDescription d =
            admin
                .describeTopics(List.of(name))
                .allTopicNames()
                .get(leftMs, TimeUnit.MILLISECONDS)
                .get(name);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      TimeUnit.MILLISECONDS.sleep(METADATA_POLL_MS);
    }
  }

  private Properties brokerProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("metadata.log.dir", dataDir.toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.putAll(overrides);
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  private void format(Properties props) {
    Path configFile = rootDir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      props.store(w, "embedded Kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", configFile.toString()},
              new PrintStream(out, true, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot format Kafka log directory " + dataDir + ": " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "cannot format Kafka log directory "
              + dataDir
              + " (exit code "
              + rc
              + "): "
              + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** Makes Kafka's process-wide exit and halt throw instead of ending the JVM. */
  private static void guardExit() {
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("Kafka called Exit.exit(" + code + "): " + message);
        });
    Exit.setHaltProcedure(
        (code, message) -> {
          throw new IllegalStateException("Kafka called Exit.halt(" + code + "): " + message);
        });
  }

  private static void shutdownQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka shutdown after failed start failed: {}", e.toString());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("Cannot delete Kafka log directory {}: {}", dir, e.toString());
    }
  }

  /** A random cluster id; {@code StorageTool} reads one starting with {@code -} as an option. */
  private static String newClusterId() {
    String id = Uuid.randomUuid().toString();
    while (id.startsWith("-")) {
      id = Uuid.randomUuid().toString();
    }
    return id;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** Configures an {@link EmbeddedKafka} before it is created. */
  public static final class Builder {
    private int brokerPort;
    private int controllerPort;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Port of the client listener.
     *
     * @param port 0 (a free port, the default) or 1..65535
     */
    public Builder brokerPort(int port) {
      this.brokerPort = checkPort("brokerPort", port);
      return this;
    }

    /**
     * Port of the controller listener.
     *
     * @param port 0 (a free port, the default) or 1..65535
     */
    public Builder controllerPort(int port) {
      this.controllerPort = checkPort("controllerPort", port);
      return this;
    }

    /** Sets or overrides one broker property, e.g. {@code auto.create.topics.enable=true}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Creates the broker, stopped, with a fresh temporary log directory. */
    public EmbeddedKafka build() {
      int broker = brokerPort == 0 ? freePort() : brokerPort;
      int controller = controllerPort;
      while (controller == 0 || controller == broker) {
        controller = freePort();
      }
      Path dir;
      try {
        dir = Files.createTempDirectory("embedded-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
      }
      return new EmbeddedKafka(broker, controller, dir, Map.copyOf(overrides));
    }

    private static int checkPort(String name, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " : " + port + " (expected: 0..65535)");
      }
      return port;
    }
  }
}
