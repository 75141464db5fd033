package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.testkit.dds.DdsDomains;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle and argument checks of {@link FastDdsBus}; domain {@link DdsDomains#forTest}(this, 0).
 */
class FastDdsBusTest {
  private static final int DOMAIN = DdsDomains.forTest(FastDdsBusTest.class, 0);
  private static final RosTypeName STRING = RosTypeName.parse("std_msgs/msg/String");

  private static SubscriptionSpec spec(String topic, int maxSampleBytes) {
    return new SubscriptionSpec(topic, STRING, Qos.controlDefault(), maxSampleBytes);
  }

  @Test
  void closeEndsEverythingAndIsIdempotent() {
    FastDdsBus bus = FastDdsBus.join(DOMAIN, "lifecycle_test");
    assertThat(bus.joined()).isTrue();
    FastDdsSubscription subscription =
        (FastDdsSubscription) bus.subscribe(spec(DdsDomains.uniqueTopic("a"), 256), (t, p) -> {});
    FastDdsPublisher publisher =
        (FastDdsPublisher) bus.publisher(spec(DdsDomains.uniqueTopic("b"), 256));
    assertThat(bus.subscriptionCount()).isEqualTo(1);
    assertThat(bus.publisherCount()).isEqualTo(1);

    bus.close();
    bus.close();

    assertThat(bus.joined()).isFalse();
    assertThat(subscription.isClosed()).isTrue();
    assertThat(publisher.isClosed()).isTrue();
    assertThat(bus.subscriptionCount()).isZero();
    assertThat(bus.publisherCount()).isZero();
    byte[] sample = {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    assertThat(publisher.publish(sample, sample.length)).isFalse();
    assertThatThrownBy(() -> bus.subscribe(spec("/late", 256), (t, p) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bus is closed");
    assertThatThrownBy(() -> bus.publisher(spec("/late", 256)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bus is closed");
  }

  @Test
  void closedSubscriptionsAndPublishersLeaveTheBus() {
    try (FastDdsBus bus = FastDdsBus.join(DOMAIN, "endpoint_close_test")) {
      BusSubscription subscription =
          bus.subscribe(spec(DdsDomains.uniqueTopic("a"), 256), (t, p) -> {});
      BusPublisher publisher = bus.publisher(spec(DdsDomains.uniqueTopic("b"), 256));

      subscription.close();
      subscription.close();
      publisher.close();

      assertThat(bus.subscriptionCount()).isZero();
      assertThat(bus.publisherCount()).isZero();
      assertThat(bus.joined()).isTrue();
    }
  }

  @Test
  void publishRefusesSamplesAboveLimitAndRejectsBadLengths() {
    try (FastDdsBus bus = FastDdsBus.join(DOMAIN, "publish_limits_test");
        BusPublisher publisher = bus.publisher(spec(DdsDomains.uniqueTopic("c"), 64))) {
      byte[] large = new byte[100];
      large[1] = 1;
      assertThat(publisher.publish(large, large.length)).isFalse();
      assertThat(publisher.publish(large, 64)).isTrue();
      assertThatThrownBy(() -> publisher.publish(large, 101))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("length : 101 (expected: 4..100)");
      assertThatThrownBy(() -> publisher.publish(large, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("length : 3 (expected: 4..100)");
    }
  }

  @Test
  void optionsRejectOutOfRangeValues() throws UnknownHostException {
    assertThatThrownBy(() -> FastDdsBus.Options.of(233, "node"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("domainId : 233 (expected: 0..232)");
    assertThatThrownBy(() -> FastDdsBus.Options.of(-1, "node"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("domainId : -1 (expected: 0..232)");
    assertThatThrownBy(() -> FastDdsBus.Options.of(0, "my-node"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodeName : my-node (expected: letters, digits and _)");
    InetAddress v6 = InetAddress.getByName("::1");
    assertThatThrownBy(() -> new FastDdsBus.Options(0, "node", List.of(v6), false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("peers : ");
  }
}
