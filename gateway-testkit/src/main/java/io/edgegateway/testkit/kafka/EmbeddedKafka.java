package io.edgegateway.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.jspecify.annotations.Nullable;
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
 * example on an out-of-memory error) fails its caller instead of killing the JVM. Records up to
 * {@link #MAX_MESSAGE_BYTES} are accepted. Topics are not auto-created. The server properties are
 * {@link BrokerProperties}, the log directory and its formatting {@link KraftLogDir}, topic
 * creation {@link TopicAdmin}.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /** Largest record batch the broker accepts ({@code message.max.bytes}): 17 MiB. */
  public static final int MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = BrokerProperties.HOST;

  private final int brokerPort;
  private final int controllerPort;
  private final KraftLogDir logDir;
  private final Map<String, String> overrides;
  private @Nullable KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(
      int brokerPort, int controllerPort, KraftLogDir logDir, Map<String, String> overrides) {
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
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
    Properties props = BrokerProperties.of(brokerPort, controllerPort, logDir.data(), overrides);
    logDir.formatOnce(props);
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
    return logDir.root();
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
    TopicAdmin.create(bootstrapServers(), name, partitions, compacted);
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
      logDir.delete();
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
      return new EmbeddedKafka(broker, controller, KraftLogDir.createTemp(), Map.copyOf(overrides));
    }

    private static int checkPort(String name, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " : " + port + " (expected: 0..65535)");
      }
      return port;
    }
  }
}
