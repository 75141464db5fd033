package io.edgegateway.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedStringsTest {
  @Test
  void encodesAsUtf8IncludingNonAsciiText() {
    EncodedStrings strings = new EncodedStrings();
    String definition = "# Gerät: Kraftsensor µN, 力\nfloat64 x\n";

    assertThat(strings.utf8(definition).toByteArray())
        .isEqualTo(definition.getBytes(StandardCharsets.UTF_8));
    assertThat(strings.utf8("").isEmpty()).isTrue();
  }

  @Test
  void aRepeatedStringIsEncodedOnce() {
    EncodedStrings strings = new EncodedStrings();

    assertThat(strings.utf8(new String("/joint_states")))
        .isSameAs(strings.utf8(new String("/joint_states")));
    assertThat(strings.size()).isEqualTo(1);
  }

  @Test
  void staysBoundedWhateverTheNumberOfDistinctStrings() {
    EncodedStrings strings = new EncodedStrings();

    for (int i = 0; i < 3 * EncodedStrings.MAX_ENTRIES; i++) {
      assertThat(strings.utf8("/robot/sensor_" + i).toStringUtf8()).isEqualTo("/robot/sensor_" + i);
      assertThat(strings.size()).isLessThanOrEqualTo(EncodedStrings.MAX_ENTRIES);
    }
  }
}
