package io.edgegateway.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegateway.buffer.MmapIntakeLedger;
import io.edgegateway.buffer.SqliteDurableQueue;
import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.TrafficClass;
import io.edgegateway.core.codec.BatchCodec;
import io.edgegateway.core.codec.BatchLineage;
import io.edgegateway.core.config.FastPathScheduling;
import io.edgegateway.core.config.FieldMetricSettings;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.config.LineageSettings;
import io.edgegateway.core.config.SamplePolicy;
import io.edgegateway.core.config.StreamSettings;
import io.edgegateway.core.config.TopicRule;
import io.edgegateway.core.fastpath.FastPath;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldGauge;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReader;
import io.edgegateway.core.metrics.GatewayMetrics;
import io.edgegateway.core.pipeline.TelemetryPipeline;
import io.edgegateway.core.pipeline.TopicRoute;
import io.edgegateway.core.port.Bus;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.QueueStats;
import io.edgegateway.core.port.SampleHandler;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.core.port.TopicDiscovery;
import io.edgegateway.core.port.Uplink;
import io.edgegateway.core.routing.TopicRules;
import io.edgegateway.core.sampling.Sampler;
import io.edgegateway.daemon.http.HttpEndpoints;
import io.edgegateway.daemon.http.HttpServer;
import io.edgegateway.ros2.CycloneTopicDiscovery;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.uplink.KafkaUplink;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the single owner of the bus, the durable queue, the uplink, the telemetry
 * pipeline and the HTTP server, started in dependency order and stopped in the reverse one.
 *
 * <p>Start: queue → uplink → pipeline → bus subscriptions → HTTP. Stop: HTTP → bus intake →
 * pipeline drain (seal batches, deliver backlog until the deadline) → uplink → queue → bus.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIRROR_CAPACITY = 4096;

  private final GatewayConfig config;
  private final String instanceId = UUID.randomUUID().toString();
  private final Clock clock;
  private final long startedAtMillis;
  private final PrometheusMeterRegistry registry;
  private final SqliteDurableQueue queue;
  private final MmapIntakeLedger intakeLedger;
  private final Uplink uplink;
  private final TelemetryPipeline pipeline;
  private final Bus bus;
  private final List<BusSubscription> subscriptions = new ArrayList<>();
  private final List<String> subscribedTopics = new ArrayList<>();
  private final FastPath fastPath;
  private final Map<Integer, Bus> fastPathBuses = new LinkedHashMap<>();
  private final Set<Long> fastPathThreads = new TreeSet<>();
  private volatile FastPathScheduling fastPathScheduled = FastPathScheduling.NONE;
  private final List<java.net.InetAddress> peers;
  private final Map<String, List<FieldGauge>> fieldGauges = new LinkedHashMap<>();
  private FieldCatalog fields = FieldCatalog.empty();
  private GatewayMetrics metrics;
  private TopicDiscovery discovery; // null when no rule needs discovery
  private DiscoveredSubscriptions discovered;
  private HttpServer http;
  private boolean closed;

  private Gateway(GatewayConfig config, Clock clock, Duration drainTimeout) {
    this.config = config;
    this.clock = clock;
    this.peers = peers(config.ros2().peers());
    this.startedAtMillis = clock.wallMillis();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    this.metrics = metrics;
    var g = config.gateway();
    this.queue =
        SqliteDurableQueue.open(
            g.dataDir(),
            config.buffer().maxBytes(),
            config.buffer().durability(),
            config.buffer().ttl(),
            clock);
    metrics.bindQueueDiskFull(queue::diskFull);
    MmapIntakeLedger ledger = null;
    Uplink up = null;
    TelemetryPipeline pipe = null;
    Bus joined = null;
    FastPath fast = null;
    try {
      ledger = MmapIntakeLedger.open(g.dataDir(), clock);
      Map<String, String> streamTopics = new LinkedHashMap<>();
      for (Map.Entry<String, StreamSettings> e : config.uplink().streams().entrySet()) {
        streamTopics.put(e.getKey(), e.getValue().topic());
      }
      StreamEncodings encodings = StreamEncodings.of(config.uplink(), g.dataDir());
      up =
          KafkaUplink.create(
              g.robotId(),
              config.uplink().kafka().bootstrapServers(),
              config.uplink().kafka().properties(),
              streamTopics,
              config.uplink().checkpointTopic(),
              encodings.dictionaryTopic(config.uplink()),
              encodings.dictionaries());
      MessageRegistry messages = MessageRegistry.load(config.ros2().messagePaths());
      this.fields = CdrFieldCatalog.of(messages);
      registerFieldGauges();
      BatchCodec codec =
          new BatchCodec(
              g.robotId(),
              instanceId,
              lineage(g.lineage()),
              3,
              messages::fullDefinitionTextOrEmpty,
              encodings::forStream);
      pipe =
          new TelemetryPipeline(
              new TelemetryPipeline.Settings(
                  config.buffer().batch().maxBytes(),
                  config.buffer().batch().linger(),
                  65_536,
                  64L * 1024 * 1024,
                  Duration.ofSeconds(10),
                  drainTimeout),
              codec,
              queue,
              up,
              clock,
              metrics,
              streamTopics.keySet(),
              ledger);
      pipe.start();
      joined =
          FastDdsBus.join(
              new FastDdsBus.Options(
                  config.ros2().domainId(), "edge_gateway", peers, false, false));
      for (TopicRule rule : config.ros2().topics()) {
        subscribe(joined, pipe, rule);
      }
      startDiscovery(joined, pipe);
      Set<Long> threadsBefore = ThreadScheduling.threadIds();
      fast = new FastPath(clock, metrics, MIRROR_CAPACITY);
      for (TopicRule rule : config.ros2().topics()) {
        relay(fast, pipe, rule);
      }
      raiseFastPathPriority(threadsBefore, config.ros2().fastPathScheduling());
      fast.start();
    } catch (RuntimeException e) {
      stopDiscovery();
      if (fast != null) {
        fast.close();
      }
      fastPathBuses.values().forEach(Bus::close);
      if (joined != null) {
        joined.close();
      }
      if (pipe != null) {
        pipe.close();
      }
      if (up != null) {
        up.close(Duration.ofSeconds(1));
      }
      if (ledger != null) {
        ledger.close();
      }
      queue.close();
      throw e;
    }
    this.intakeLedger = ledger;
    this.uplink = up;
    this.pipeline = pipe;
    this.bus = joined;
    this.fastPath = fast;
  }

  /**
   * Starts topic discovery when a queued-class rule has a pattern or no type; discovered topics are
   * subscribed by {@link DiscoveredSubscriptions}.
   */
  private void startDiscovery(Bus joined, TelemetryPipeline pipe) {
    if (!DiscoveredSubscriptions.needed(config.ros2().topics())) {
      return;
    }
    discovered =
        new DiscoveredSubscriptions(
            new TopicRules(config.ros2().topics()),
            joined,
            (topic, type, rule) ->
                tapped(
                    topic,
                    pipe.handlerFor(
                        new TopicRoute(
                            topic,
                            type,
                            rule.stream(),
                            rule.priority(),
                            discoveredSampler(topic, type, rule)))));
    discovery = CycloneTopicDiscovery.forDomain(config.ros2().domainId(), peers);
    discovery.start(discovered);
  }

  private void stopDiscovery() {
    if (discovery != null) {
      discovery.close();
    }
    if (discovered != null) {
      discovered.close();
    }
  }

  /**
   * Relays a control rule on the fast path: a DDS participant of its own on the source domain (so
   * its listener threads never carry telemetry) and one per target domain.
   */
  private void relay(FastPath fast, TelemetryPipeline pipe, TopicRule rule) {
    if (rule.trafficClass() != TrafficClass.CONTROL) {
      return;
    }
    String match = rule.match().toString();
    if (!rule.match().isExact() || rule.type().isEmpty()) {
      log.warn(
          "rule {}: control relay needs an exact match and a type in this version; not relayed",
          match);
      return;
    }
    int sourceDomain = config.ros2().domainId();
    Bus source = fastPathBus(sourceDomain);
    Bus target =
        rule.relay().get().toDomain().isPresent()
            ? fastPathBus(rule.relay().get().toDomain().getAsInt())
            : source;
    var mirrorSink =
        rule.mirror().isPresent()
            ? tapped(
                match,
                pipe.handlerFor(
                    new TopicRoute(
                        match,
                        rule.type().get(),
                        rule.stream(),
                        rule.priority(),
                        Sampler.keepAll())))
            : null;
    fast.relay(rule, source, target, mirrorSink);
    subscribedTopics.add(match);
  }

  /**
   * Raises the scheduling priority of the threads the fast path's own DDS participants created
   * (their receive threads run the relay), so a CPU busy with telemetry still runs control first:
   * {@code SCHED_FIFO} at {@link FastPathScheduling#FIFO_PRIORITY}, or nice {@link
   * FastPathScheduling#NICE_VALUE}, as configured; {@code fifo} falls back to nice where real-time
   * scheduling is not permitted. Needs root or {@code CAP_SYS_NICE}; without it, one WARN line and
   * the process's priority.
   */
  private void raiseFastPathPriority(Set<Long> threadsBefore, FastPathScheduling scheduling) {
    if (fastPathBuses.isEmpty()) {
      return;
    }
    Set<Long> created = new TreeSet<>(ThreadScheduling.threadIds());
    created.removeAll(threadsBefore);
    if (scheduling == FastPathScheduling.NONE) {
      log.info("fast path: {} DDS threads at the process's priority (configured)", created.size());
      return;
    }
    if (scheduling == FastPathScheduling.FIFO) {
      String failure = ThreadScheduling.fifo(created, FastPathScheduling.FIFO_PRIORITY);
      if (failure == null) {
        fastPathThreads.addAll(created);
        fastPathScheduled = FastPathScheduling.FIFO;
        log.info(
            "fast path: {} DDS threads at SCHED_FIFO priority {}",
            created.size(),
            FastPathScheduling.FIFO_PRIORITY);
        return;
      }
      log.warn(
          "fast path: cannot put its DDS threads under SCHED_FIFO ({}); trying nice {}",
          failure,
          FastPathScheduling.NICE_VALUE);
    }
    String failure = ThreadScheduling.renice(created, FastPathScheduling.NICE_VALUE);
    if (failure == null) {
      fastPathThreads.addAll(created);
      fastPathScheduled = FastPathScheduling.NICE;
      log.info(
          "fast path: {} DDS threads at nice {}", created.size(), FastPathScheduling.NICE_VALUE);
    } else {
      log.warn(
          "fast path: cannot put its {} DDS threads at nice {} ({}); control shares the CPU"
              + " equally with telemetry (run as root or grant CAP_SYS_NICE)",
          created.size(),
          FastPathScheduling.NICE_VALUE,
          failure);
    }
  }

  /** How the fast path's threads were scheduled at start: FIFO, NICE, or NONE if not raised. */
  FastPathScheduling fastPathScheduled() {
    return fastPathScheduled;
  }

  /** Thread ids whose priority was raised at start; empty if that was not permitted. */
  Set<Long> fastPathThreads() {
    return Set.copyOf(fastPathThreads);
  }

  private Bus fastPathBus(int domain) {
    return fastPathBuses.computeIfAbsent(
        domain,
        d ->
            FastDdsBus.join(
                new FastDdsBus.Options(
                    d,
                    d == config.ros2().domainId()
                        ? "edge_gateway_fastpath"
                        : "edge_gateway_relay_" + d,
                    peers,
                    false,
                    false)));
  }

  /**
   * Starts a gateway for {@code config}.
   *
   * @param drainTimeout how long {@link #close} keeps delivering the backlog before leaving it
   *     queued for the next start
   */
  public static Gateway start(GatewayConfig config, Clock clock, Duration drainTimeout) {
    List<String> problems = unsupported(config);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Gateway gw = new Gateway(config, clock, drainTimeout);
    try {
      gw.http = HttpServer.start(config.http().host(), config.http().port(), gw.endpoints());
    } catch (RuntimeException e) {
      gw.close();
      throw e;
    }
    log.info(
        "edge-gateway {} started: robot {}, domain {}, {} subscriptions, data in {}",
        gw.instanceId,
        config.gateway().robotId(),
        config.ros2().domainId(),
        gw.subscriptions.size(),
        config.gateway().dataDir());
    return gw;
  }

  /**
   * Settings the loader accepts but this version cannot run, one message each; empty when the
   * config can run. {@link #start} refuses a config for which this is not empty.
   */
  public static List<String> unsupported(GatewayConfig config) {
    return new ArrayList<>();
  }

  /** One gauge per {@code metrics} entry, grouped by topic for {@link #tapped}. */
  private void registerFieldGauges() {
    for (FieldMetricSettings m : config.metrics()) {
      TopicRule rule = config.ros2().topicRules().ruleFor(m.topic()).orElseThrow();
      if (rule.type().isEmpty()) {
        log.warn(
            "metric {} on {}: the topic's rule has no type (type discovery is not available in"
                + " this version); not exported",
            m.name(),
            m.topic());
        continue;
      }
      FieldReader reader =
          fieldReader(m.topic(), rule.type().orElse(null), m.field(), "metric " + m.name());
      fieldGauges
          .computeIfAbsent(m.topic(), t -> new ArrayList<>())
          .add(FieldGauge.register(metrics, m.name(), m.topic(), reader));
    }
  }

  /** {@code handler}, preceded by the field gauges of {@code topic} (telemetry path only). */
  private SampleHandler tapped(String topic, SampleHandler handler) {
    SampleHandler h = handler;
    for (FieldGauge g : fieldGauges.getOrDefault(topic, List.of())) {
      h = g.tap(h);
    }
    return h;
  }

  private FieldReader fieldReader(String topic, RosTypeName type, String field, String what) {
    if (type == null) {
      throw new IllegalArgumentException(
          what + " on " + topic + ": the topic's rule needs a type to read field " + field);
    }
    return fields
        .reader(type, FieldPath.parse(field))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what
                        + " on "
                        + topic
                        + ": type "
                        + type
                        + " is not known to the gateway; add its .msg file under"
                        + " ros2.message_paths"));
  }

  /** Resolves {@code ros2.peers} ({@code host} or {@code host:port}; the port is DDS's own). */
  private static List<java.net.InetAddress> peers(List<String> peers) {
    List<java.net.InetAddress> out = new ArrayList<>();
    for (String peer : peers) {
      int colon = peer.lastIndexOf(':');
      String host = colon > 0 && peer.indexOf(':') == colon ? peer.substring(0, colon) : peer;
      try {
        out.add(java.net.InetAddress.getByName(host));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("ros2.peers: cannot resolve '" + host + "'", e);
      }
    }
    return out;
  }

  private static BatchLineage lineage(LineageSettings l) {
    String runId =
        "auto".equals(l.runId())
            ? "run-" + UUID.randomUUID().toString().substring(0, 8)
            : l.runId();
    return new BatchLineage(l.firmwareVersion(), l.modelVersion(), runId, l.labels());
  }

  private void subscribe(Bus joined, TelemetryPipeline pipe, TopicRule rule) {
    String match = rule.match().toString();
    if (rule.trafficClass() == TrafficClass.CONTROL) {
      return; // the fast path relays it, see relay()
    }
    if (!rule.match().isExact() || rule.type().isEmpty()) {
      return; // subscribed when discovery reports a matching topic, see startDiscovery()
    }
    TopicRoute route =
        new TopicRoute(
            match, rule.type().get(), rule.stream(), rule.priority(), sampler(match, rule));
    SubscriptionSpec spec =
        new SubscriptionSpec(match, rule.type().get(), rule.qos(), rule.maxSampleBytes());
    subscriptions.add(joined.subscribe(spec, tapped(match, pipe.handlerFor(route))));
    subscribedTopics.add(match);
  }

  /**
   * The sampler of a discovered topic; an {@code on_change} field its discovered type cannot
   * resolve keeps every sample (one WARN line) rather than dropping data.
   */
  private Sampler discoveredSampler(String topic, RosTypeName type, TopicRule rule) {
    try {
      return sampler(topic, type, rule);
    } catch (IllegalArgumentException e) {
      log.warn("{}: {}; keeping every sample of this topic", topic, e.getMessage());
      return Sampler.keepAll();
    }
  }

  private Sampler sampler(String topic, TopicRule rule) {
    return sampler(topic, rule.type().orElse(null), rule);
  }

  private Sampler sampler(String topic, RosTypeName type, TopicRule rule) {
    SamplePolicy p = rule.sample();
    if (p instanceof SamplePolicy.MaxRate m) {
      return Sampler.maxRate(m.hz());
    } else if (p instanceof SamplePolicy.EveryNth n) {
      return Sampler.everyNth(n.n());
    } else if (p instanceof SamplePolicy.OnChange c) {
      FieldReader reader = fieldReader(topic, type, c.field(), "on_change");
      var undecodable = metrics.fieldUndecodable(topic, c.field(), "on_change");
      return Sampler.onChange(reader, c.deadband(), undecodable::increment);
    }
    return Sampler.keepAll();
  }

  /** The control fast path (relays, mirror, latency). */
  public FastPath fastPath() {
    return fastPath;
  }

  /** The bound HTTP port. */
  public int httpPort() {
    return http.port();
  }

  /** The metrics registry, for status displays. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The latest queue snapshot. */
  public QueueStats queueStats() {
    return pipeline.queueStats();
  }

  /** Current uplink state. */
  public Uplink.UplinkState uplinkState() {
    return uplink.state();
  }

  private HttpEndpoints endpoints() {
    return new HttpEndpoints() {
      @Override
      public String metrics() {
        return registry.scrape();
      }

      @Override
      public String notReadyReason() {
        if (!bus.joined()) {
          return "bus_not_joined";
        }
        if (queue.diskFull()) {
          return "queue_disk_full";
        }
        if (uplink.state() != Uplink.UplinkState.CONNECTED) {
          return "uplink_" + uplink.state().name().toLowerCase(java.util.Locale.ROOT);
        }
        return null;
      }

      @Override
      public String statusJson() {
        return status().toPrettyString() + "\n";
      }
    };
  }

  /** The {@code /v1/status} document. */
  public ObjectNode status() {
    ObjectNode root = JSON.createObjectNode();
    root.put("robot_id", config.gateway().robotId());
    root.put("instance_id", instanceId);
    root.put("uptime_seconds", (clock.wallMillis() - startedAtMillis) / 1000.0);
    ObjectNode b = root.putObject("bus");
    b.put("joined", bus.joined());
    b.put("domain_id", config.ros2().domainId());
    var subscribed = b.putArray("subscriptions");
    subscribedTopics.forEach(subscribed::add);
    if (discovered != null) {
      discovered.topics().forEach(subscribed::add);
    }
    b.put("discovery", discovery == null ? "off" : discovery.ready() ? "running" : "unavailable");
    QueueStats s = pipeline.queueStats();
    ObjectNode q = root.putObject("queue");
    q.put("batches", s.batches());
    q.put("bytes", s.bytes());
    q.put(
        "oldest_age_seconds",
        s.oldestSealedAtMillis() == 0 ? 0 : (clock.wallMillis() - s.oldestSealedAtMillis()) / 1e3);
    ObjectNode streams = q.putObject("streams");
    s.streams()
        .forEach(
            (name, st) -> {
              ObjectNode n = streams.putObject(name);
              n.put("batches", st.batches());
              n.put("bytes", st.bytes());
              n.put("last_batch_seq", st.lastBatchSeq());
            });
    s.evictedBatches().forEach(q.putObject("evicted_batches")::put);
    q.put("quarantined_files", s.quarantinedFiles());
    q.put("disk_full", queue.diskFull());
    root.putObject("uplink").put("state", uplink.state().name().toLowerCase(java.util.Locale.ROOT));
    root.put("intake_depth", pipeline.intakeDepth());
    ObjectNode f = root.putObject("fast_path");
    f.put("scheduling", fastPathScheduled.name().toLowerCase(java.util.Locale.ROOT));
    f.put("threads", fastPathThreads.size());
    var relays = f.putArray("relays");
    if (fastPath != null) {
      fastPath
          .relays()
          .forEach(
              r ->
                  relays
                      .addObject()
                      .put("topic", r.topic())
                      .put("relayed", r.relayed())
                      .put("failed", r.failed()));
    }
    LedgerJson.write(root.putArray("ledger"), pipeline.ledger());
    return root;
  }

  /** Stops everything in order; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("edge-gateway stopping");
    if (http != null) {
      http.close();
    }
    stopDiscovery();
    subscriptions.forEach(BusSubscription::close);
    fastPath.close();
    fastPathBuses.values().forEach(Bus::close);
    pipeline.close();
    uplink.close(Duration.ofSeconds(5));
    intakeLedger.close();
    queue.close();
    bus.close();
    registry.close();
    log.info("edge-gateway stopped");
  }
}
