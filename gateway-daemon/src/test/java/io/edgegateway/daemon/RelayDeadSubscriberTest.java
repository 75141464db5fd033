package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.BusPublisher;
import io.edgegateway.core.port.BusSubscription;
import io.edgegateway.core.port.Clock;
import io.edgegateway.core.port.Qos;
import io.edgegateway.core.port.SubscriptionSpec;
import io.edgegateway.ros2.FastDdsBus;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import io.edgegateway.testkit.dds.RosSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber on the relay's target that dies without unregistering (SIGKILL) stays matched with
 * the relay's reliable writer until its DDS lease expires (10 s for Cyclone DDS), acknowledging
 * nothing. At 1 kHz a {@code keep_all} writer's history (5,000 samples in Fast-DDS) fills within
 * those 10 s, after which every write blocked the relay for 100 ms and then dropped the sample, so
 * the live subscriber next to the dead one lost control messages. The relay's writer keeps the last
 * {@link io.edgegateway.core.fastpath.FastPath#KEEP_ALL_WRITER_DEPTH} samples instead and never
 * waits.
 */
class RelayDeadSubscriberTest {
  private static final String TOPIC = "/dead_peer/cmd";
  private static final RosTypeName TYPE = RosTypeName.parse(RosSamples.STRING_TYPE);
  private static final Qos RELIABLE_ALL =
      new Qos(Qos.Reliability.RELIABLE, Qos.Durability.VOLATILE, Qos.History.KEEP_ALL, 10);
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1); // 1 kHz
  // More than the Fast-DDS keep_all history after the kill, and less than Cyclone's 10 s lease.
  private static final int AFTER_KILL = 8_000;

  @TempDir Path dir;

  @Test
  void liveSubscriberMissesNothingWhileADeadOneIsStillMatched() throws Exception {
    int domainA = DdsDomains.forTest(getClass(), 0);
    int domainB = DdsDomains.forTest(getClass(), 1);
    SubscriptionSpec spec = new SubscriptionSpec(TOPIC, TYPE, RELIABLE_ALL, 256);
    BitSet received = new BitSet();
    try (Gateway gateway = Gateway.start(config(domainA, domainB), Clock.system(), Duration.ZERO);
        FastDdsBus robot = FastDdsBus.join(domainA, "dead_peer_robot");
        FastDdsBus remote = FastDdsBus.join(domainB, "dead_peer_remote");
        BusSubscription live =
            remote.subscribe(
                spec,
                (stamp, payload) -> {
                  int seq = seqOf(payload);
                  synchronized (received) {
                    received.set(seq);
                  }
                });
        CycloneProcess doomed =
            GatewayFixture.cyclone()
                .startSubscriber(domainB, TOPIC, 1_000_000, Duration.ofMinutes(2), false)) {
      BusPublisher publisher = robot.publisher(spec);
      int seq = 0;
      long next = System.nanoTime();
      // Until both subscribers on B get relayed samples.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((countOf(received) < 200 || doomed.stdoutLines().size() < 200)
          && System.nanoTime() < deadline) {
        byte[] sample = RosSamples.stringCdr(seq);
        publisher.publish(sample, sample.length);
        seq++;
        next = pace(next);
      }
      assertThat(doomed.stdoutLines()).as(doomed.stderr()).hasSizeGreaterThanOrEqualTo(200);
      int firstCounted;
      synchronized (received) {
        firstCounted = received.nextSetBit(0);
      }

      doomed.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      assertThat(doomed.isAlive()).isFalse();
      int lastBeforeKill = seq;
      for (int i = 0; i < AFTER_KILL; i++) {
        byte[] sample = RosSamples.stringCdr(seq);
        publisher.publish(sample, sample.length);
        seq++;
        next = pace(next);
      }

      int published = seq;
      // Everything arrives, or nothing more does for 3 s (a dropped sample is never resent).
      long[] last = {-1, System.nanoTime()};
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                int count = countOf(received);
                if (count != last[0]) {
                  last[0] = count;
                  last[1] = System.nanoTime();
                }
                return count >= published - firstCounted
                    || System.nanoTime() - last[1] > TimeUnit.SECONDS.toNanos(3);
              });
      var relay = gateway.fastPath().relays().get(0);
      synchronized (received) {
        int missing = received.nextClearBit(firstCounted);
        assertThat(missing)
            .as(
                "first sample the live subscriber missed (killed at %d, published %d, relayed %d)",
                lastBeforeKill, published, relay.relayed())
            .isEqualTo(published);
        assertThat(received.cardinality()).isEqualTo(published - firstCounted);
      }
      assertThat(relay.failed()).isZero();
    }
  }

  private static long pace(long next) {
    next += PERIOD_NANOS;
    long wait = next - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
    return next;
  }

  /** The number in a {@code "hello N"} string sample (CDR: header, length, chars, NUL). */
  private static int seqOf(byte[] cdr) {
    int length = (cdr[4] & 0xff) | (cdr[5] & 0xff) << 8 | (cdr[6] & 0xff) << 16;
    String data = new String(cdr, 8, length - 1, StandardCharsets.UTF_8);
    return Integer.parseInt(data.substring(data.lastIndexOf(' ') + 1));
  }

  private static int countOf(BitSet received) {
    synchronized (received) {
      return received.cardinality();
    }
  }

  private GatewayConfig config(int domainA, int domainB) {
    String yaml =
        "gateway:\n"
            + "  robot_id: dead-peer\n"
            + "  data_dir: "
            + dir.resolve("data")
            + "\n"
            + "ros2:\n"
            + "  domain_id: "
            + domainA
            + "\n"
            + "  topics:\n"
            + "    - match: "
            + TOPIC
            + "\n"
            + "      type: "
            + TYPE
            + "\n"
            + "      class: control\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "      max_sample_bytes: 256\n"
            + "      relay: {to_domain: "
            + domainB
            + "}\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '127.0.0.1:9'}\n"
            + "http:\n"
            + "  bind: 127.0.0.1:0\n";
    return ConfigLoader.parse("dead-peer.yaml", yaml, name -> null).orElseThrow();
  }
}
