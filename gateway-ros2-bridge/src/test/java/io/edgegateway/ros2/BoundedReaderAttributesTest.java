package io.edgegateway.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BoundedReaderAttributesTest {

  @Test
  void profileAsksForPreallocatedHistorySizedByDepth() throws IOException {
    BoundedReaderAttributes attributes = new BoundedReaderAttributes(25);
    attributes.topicName("rt/imu");

    String xml = attributes.marshall("reader_1");

    assertThat(xml)
        .contains("<data_reader profile_name=\"reader_1\">")
        .contains("<name>rt/imu</name>")
        .containsPattern("<resourceLimitsQos>\\s*<allocated_samples>25</allocated_samples>")
        .containsPattern(BoundedReaderAttributes.MEMORY_POLICY + "\\s*</data_reader>");
  }

  @Test
  void rejectsEmptyPreallocation() {
    assertThatThrownBy(() -> new BoundedReaderAttributes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allocatedSamples : 0 (expected: >= 1)");
  }
}
