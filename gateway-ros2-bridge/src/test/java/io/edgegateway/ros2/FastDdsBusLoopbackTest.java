package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two {@link FastDdsBus} participants restricted to the loopback interface, discovering each other
 * through the unicast peer 127.0.0.1; domain {@link DdsDomains#forTest}(this, 0).
 */
class FastDdsBusLoopbackTest {
  private static final int DOMAIN = DdsDomains.forTest(FastDdsBusLoopbackTest.class, 0);
  private static final Qos LATCHED =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.TRANSIENT_LOCAL, Qos.History.KEEP_LAST, 20);

  private static FastDdsBus.Options loopback(String nodeName) {
    return new FastDdsBus.Options(
        DOMAIN, nodeName, List.of(InetAddress.getLoopbackAddress()), true, false);
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void loopbackOnlyBusesWithUnicastPeerExchangeSamples() {
    String topic = DdsDomains.uniqueTopic("chatter");
    SubscriptionSpec spec =
        new SubscriptionSpec(topic, RosTypeName.parse(RosSamples.STRING_TYPE), LATCHED, 256);
    List<byte[]> received = new CopyOnWriteArrayList<>();
    try (FastDdsBus writerSide = FastDdsBus.join(loopback("loopback_writer"));
        FastDdsBus readerSide = FastDdsBus.join(loopback("loopback_reader"));
        BusPublisher publisher = writerSide.publisher(spec)) {
      for (int n = 0; n < 20; n++) {
        byte[] sample = RosSamples.cycloneString(n);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }
      try (BusSubscription subscription = readerSide.subscribe(spec, (t, p) -> received.add(p))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 20);
      }
    }
    assertThat(received)
        .containsExactlyElementsOf(
            IntStream.range(0, 20).mapToObj(RosSamples::cycloneString).toList());
  }

  @Test
  @SuppressWarnings("try") // resources opened only to be closed
  void rawSubscriptionReusesOneBufferAndDeliversExactBytes() {
    String topic = DdsDomains.uniqueTopic("raw_chatter");
    SubscriptionSpec spec =
        new SubscriptionSpec(topic, RosTypeName.parse(RosSamples.STRING_TYPE), LATCHED, 256);
    List<byte[]> received = new CopyOnWriteArrayList<>();
    java.util.Set<byte[]> buffers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (FastDdsBus writerSide = FastDdsBus.join(loopback("raw_writer"));
        FastDdsBus readerSide = FastDdsBus.join(loopback("raw_reader"));
        BusPublisher publisher = writerSide.publisher(spec)) {
      for (int n = 0; n < 20; n++) {
        byte[] sample = RosSamples.cycloneString(n);
        assertThat(publisher.publish(sample, sample.length)).isTrue();
      }
      try (BusSubscription subscription =
          readerSide.subscribeRaw(
              spec,
              (t, buffer, length) -> {
                buffers.add(buffer);
                received.add(java.util.Arrays.copyOf(buffer, length));
              })) {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 20);
      }
    }
    assertThat(received)
        .containsExactlyElementsOf(
            IntStream.range(0, 20).mapToObj(RosSamples::cycloneString).toList());
    assertThat(buffers).hasSize(1);
  }
}
