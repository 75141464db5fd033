package io.edgegateway.deploy;

import io.edgegateway.testkit.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The Kafka broker of {@code package-smoke.sh}: the testkit's single-node broker on a given port
 * with the gateway's topics, in a JVM of its own, until its standard input closes.
 *
 * <p>Arguments: {@code PORT CHECKPOINT_TOPIC STREAM_TOPIC...}. Prints {@code ready 127.0.0.1:PORT}
 * once the topics exist.
 */
public final class SmokeBroker {
  private SmokeBroker() {}

  /** Runs the broker until standard input reaches its end (the script closes it or exits). */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SmokeBroker PORT CHECKPOINT_TOPIC [STREAM_TOPIC...]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokerPort(port).build().start()) {
      kafka.createTopic(args[1], 1, true);
      for (String topic : Arrays.copyOfRange(args, 2, args.length)) {
        kafka.createTopic(topic, 1, false);
      }
      System.out.println("ready " + kafka.bootstrapServers());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // wait for end of input
      }
    }
  }
}
