package io.edgegateway.testkit.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of an {@link EmbeddedKafka}: one KRaft node that is broker and controller,
 * listening on 127.0.0.1, sized for small test heaps.
 *
 * <p>Implementation notes: the log cleaner dedupe buffer is 4 MiB instead of 128 MiB so the broker
 * fits small test heaps; internal topics have one partition and replication factor 1; topics are
 * not auto-created. Overrides given to {@link EmbeddedKafka.Builder#brokerProperty} win.
 */
final class BrokerProperties {
  /** The address every listener binds and advertises. */
  static final String HOST = "127.0.0.1";

  private static final int NODE_ID = 1;

  private BrokerProperties() {}

  /** The properties of a node on these ports writing data and metadata into {@code dataDir}. */
  static Properties of(
      int brokerPort, int controllerPort, Path dataDir, Map<String, String> overrides) {
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
    p.put("message.max.bytes", Integer.toString(EmbeddedKafka.MAX_MESSAGE_BYTES));
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
}
