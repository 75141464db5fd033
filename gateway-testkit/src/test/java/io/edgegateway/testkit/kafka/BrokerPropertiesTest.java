package io.edgegateway.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {
  @Test
  void listenersUseThePortsAndOverridesWin() {
    Path data = Path.of("/tmp/kafka-data");

    Properties p =
        BrokerProperties.of(
            9092, 9093, data, Map.of("auto.create.topics.enable", "true", "extra.key", "x"));

    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
    assertThat(p.getProperty("log.dirs")).isEqualTo(data.toString());
    assertThat(p.getProperty("metadata.log.dir")).isEqualTo(data.toString());
    assertThat(p.getProperty("message.max.bytes"))
        .isEqualTo(Integer.toString(EmbeddedKafka.MAX_MESSAGE_BYTES));
    assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
    assertThat(p.getProperty("extra.key")).isEqualTo("x");
  }
}
