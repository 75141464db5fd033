package io.edgegateway.core.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.core.metrics.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FieldGaugeTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);
  private final AtomicInteger reads = new AtomicInteger();

  /** Reads the first byte as the value; a negative byte is unreadable. */
  private FieldReader reader(FieldReader.Kind kind) {
    return new FieldReader() {
      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public FieldPath path() {
        return FieldPath.parse("voltage");
      }

      @Override
      public Object read(byte[] sample) throws FieldReadException {
        reads.incrementAndGet();
        if (sample[0] < 0) {
          throw new FieldReadException("voltage: malformed");
        }
        return kind == Kind.BOOLEAN ? (Object) (sample[0] != 0) : (Object) (sample[0] / 2.0);
      }
    };
  }

  private double gauge(String name) {
    return registry.get(name).tag("topic", "/battery").tag("field", "voltage").gauge().value();
  }

  private double undecodable() {
    return registry
        .get("gateway.undecodable.fields")
        .tag("topic", "/battery")
        .tag("use", "metric")
        .counter()
        .count();
  }

  @Test
  void exportsTheFieldOfTheLatestSampleAndPassesEverySampleOn() {
    FieldGauge g =
        FieldGauge.register(
            metrics, "battery_voltage", "/battery", reader(FieldReader.Kind.NUMBER));
    List<byte[]> passed = new ArrayList<>();
    var handler = g.tap((stamp, payload) -> passed.add(payload));
    assertThat(gauge("gateway.field.battery_voltage")).isNaN();
    handler.onSample(1, new byte[] {10});
    handler.onSample(2, new byte[] {50});
    assertThat(gauge("gateway.field.battery_voltage")).isEqualTo(25.0);
    assertThat(passed).hasSize(2);
  }

  @Test
  void decodesOnScrapeAtMostOncePerSample() {
    FieldGauge g = FieldGauge.register(metrics, "v", "/battery", reader(FieldReader.Kind.NUMBER));
    for (int i = 0; i < 100; i++) {
      g.offer(new byte[] {(byte) i});
    }
    assertThat(reads).hasValue(0);
    assertThat(g.value()).isEqualTo(49.5);
    assertThat(g.value()).isEqualTo(49.5);
    assertThat(reads).hasValue(1);
  }

  @Test
  void anUnreadableSampleIsCountedOnceAndKeepsThePreviousValue() {
    FieldGauge g = FieldGauge.register(metrics, "v", "/battery", reader(FieldReader.Kind.NUMBER));
    g.offer(new byte[] {8});
    assertThat(g.value()).isEqualTo(4.0);
    g.offer(new byte[] {-1});
    assertThat(g.value()).isEqualTo(4.0);
    assertThat(g.value()).isEqualTo(4.0);
    assertThat(undecodable()).isEqualTo(1.0);
  }

  @Test
  void booleansExportAsOneAndZero() {
    FieldGauge g =
        FieldGauge.register(metrics, "charging", "/battery", reader(FieldReader.Kind.BOOLEAN));
    g.offer(new byte[] {1});
    assertThat(g.value()).isEqualTo(1.0);
    g.offer(new byte[] {0});
    assertThat(g.value()).isEqualTo(0.0);
  }

  @Test
  void textFieldsAreRefused() {
    assertThatThrownBy(
            () -> FieldGauge.register(metrics, "t", "/battery", reader(FieldReader.Kind.TEXT)))
        .hasMessage("reader : voltage is text (expected: a number or boolean field)");
  }
}
