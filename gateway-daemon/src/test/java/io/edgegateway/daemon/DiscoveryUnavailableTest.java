package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgegateway.core.config.ConfigLoader;
import io.edgegateway.core.config.GatewayConfig;
import io.edgegateway.core.port.Clock;
import io.edgegateway.ros2.CycloneTopicDiscovery;
import io.edgegateway.ros2.DiscoverHelper;
import io.edgegateway.testkit.dds.CycloneProcess;
import io.edgegateway.testkit.dds.DdsDomains;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Without a working discovery helper the gateway still starts, says why on one line, reports {@code
 * discovery: unavailable} and keeps its exact rules working. No broker is needed: the DDS reader
 * acknowledges the samples whether or not Kafka is up.
 */
class DiscoveryUnavailableTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger discoveryLog = (Logger) LoggerFactory.getLogger(CycloneTopicDiscovery.class);

  private String configuredHelper; // the build's helper (surefire), restored for later tests

  @BeforeEach
  void missingHelper() {
    configuredHelper = System.getProperty(DiscoverHelper.PROPERTY, "");
    System.setProperty(DiscoverHelper.PROPERTY, dir.resolve("no-such-helper").toString());
    logged.start();
    discoveryLog.addAppender(logged);
  }

  @AfterEach
  void restore() {
    if (configuredHelper.isEmpty()) {
      System.clearProperty(DiscoverHelper.PROPERTY);
    } else {
      System.setProperty(DiscoverHelper.PROPERTY, configuredHelper);
    }
    discoveryLog.detachAppender(logged);
  }

  @Test
  void exactRulesKeepWorkingWhenTheHelperIsMissing() throws Exception {
    int domain = DdsDomains.forTest(getClass(), 0);
    String topic = DdsDomains.uniqueTopic("exact");
    String yaml =
        "gateway: {robot_id: hx-nodisc, data_dir: '"
            + dir.resolve("data")
            + "'}\n"
            + "ros2:\n"
            + "  domain_id: "
            + domain
            + "\n"
            + "  topics:\n"
            + "    - match: "
            + topic
            + "\n"
            + "      type: std_msgs/msg/String\n"
            + "      qos: {reliability: reliable, history: keep_all}\n"
            + "    - match: /pattern_*\n"
            + "uplink:\n"
            + "  kafka: {bootstrap_servers: '127.0.0.1:1'}\n"
            + "http:\n"
            + "  bind: 127.0.0.1:0\n";
    GatewayConfig cfg = ConfigLoader.parse("test.yaml", yaml, name -> null).orElseThrow();
    try (Gateway gateway = Gateway.start(cfg, Clock.system(), Duration.ofSeconds(1));
        CycloneProcess publisher =
            GatewayFixture.cyclone().startPublisher(domain, topic, 20, "/unused", 0, TIMEOUT)) {
      assertThat(publisher.waitFor(TIMEOUT))
          .as("publisher exit code (0: matched, written, acknowledged); %s", publisher)
          .isZero();
      assertThat(Http.get(gateway.httpPort(), "/v1/status").body())
          .contains("\"discovery\" : \"unavailable\"")
          .contains(topic);
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("topic discovery on domain " + domain + " stopped:")
                      .contains("discovery unavailable: eg-discover helper")
                      .contains("no-such-helper")
                      .contains("does not exist")
                      .contains("configured rules with a type keep working"));
    }
  }
}
