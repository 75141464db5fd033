package io.edgegateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.config.TriggerSettings;
import io.edgegateway.ros2.msg.CdrFieldCatalog;
import io.edgegateway.ros2.msg.MessageRegistry;
import io.edgegateway.testkit.cdr.CdrWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trigger conditions on real CDR samples, decoded with the bundled message definitions. */
class CaptureTriggersTest {
  private static final String DIAG = "diagnostic_msgs/msg/DiagnosticArray";

  private final CaptureTriggers triggers =
      new CaptureTriggers(
          List.of(
              TriggerSettings.of(
                  "level", "/diagnostics", "status[*].level >= 2", Duration.ZERO, Duration.ZERO),
              TriggerSettings.of(
                  "fault",
                  "/diagnostics",
                  "status[*].message matches \"^FAULT\"",
                  Duration.ZERO,
                  Duration.ZERO),
              TriggerSettings.of(
                  "hello", "/chatter", "data matches \"^hello 7$\"", Duration.ZERO, Duration.ZERO)),
          CdrFieldCatalog.of(MessageRegistry.bundled()));

  private static byte[] diagnostics(int[] levels, String[] messages) {
    CdrWriter w = new CdrWriter();
    w.header(1, 2, "");
    w.sequenceLength(levels.length);
    for (int i = 0; i < levels.length; i++) {
      w.uint8(levels[i]).string("c" + i).string(messages[i]).string("hw").sequenceLength(0);
    }
    return w.toByteArray();
  }

  private static byte[] string(String data) {
    return new CdrWriter().string(data).toByteArray();
  }

  private List<String> fired(String topic, String type, byte[] payload) {
    List<String> names = new ArrayList<>();
    triggers.test(new Envelope(topic, type, 0, 1, 1, payload), (t, e) -> names.add(t.name()));
    return names;
  }

  @Test
  void anyElementFiresWhenOneElementCompares() {
    assertThat(fired("/diagnostics", DIAG, diagnostics(new int[] {0, 0, 2}, msgs(3, "OK"))))
        .containsExactly("level");
    assertThat(fired("/diagnostics", DIAG, diagnostics(new int[] {0, 1}, msgs(2, "OK")))).isEmpty();
    assertThat(
            fired(
                "/diagnostics",
                DIAG,
                diagnostics(new int[] {1, 0}, new String[] {"OK", "FAULT 3"})))
        .containsExactly("fault");
    assertThat(fired("/diagnostics", DIAG, diagnostics(new int[] {}, new String[] {}))).isEmpty();
  }

  @Test
  void textConditionsOnAString() {
    assertThat(fired("/chatter", "std_msgs/msg/String", string("hello 7")))
        .containsExactly("hello");
    assertThat(fired("/chatter", "std_msgs/msg/String", string("hello 70"))).isEmpty();
    assertThat(fired("/other", "std_msgs/msg/String", string("hello 7"))).isEmpty();
  }

  @Test
  void unreadableSamplesAndUnknownTypesNeverFireAndNeverThrow() {
    byte[] good = diagnostics(new int[] {3, 3}, msgs(2, "FAULT"));
    assertThat(fired("/diagnostics", DIAG, Arrays.copyOf(good, 10))).isEmpty();
    assertThat(fired("/diagnostics", DIAG, new byte[0])).isEmpty();
    assertThat(fired("/diagnostics", "pkg/msg/Unknown", good)).isEmpty();
    assertThat(fired("/chatter", "std_msgs/msg/Int32", "x".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(fired("/diagnostics", DIAG, good)).containsExactly("level", "fault");
  }

  private static String[] msgs(int n, String text) {
    String[] out = new String[n];
    Arrays.fill(out, text);
    return out;
  }
}
