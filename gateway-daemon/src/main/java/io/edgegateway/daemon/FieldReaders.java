package io.edgegateway.daemon;

import io.edgegateway.core.RosTypeName;
import io.edgegateway.core.fields.FieldCatalog;
import io.edgegateway.core.fields.FieldPath;
import io.edgegateway.core.fields.FieldReader;
import org.jspecify.annotations.Nullable;

/**
 * The field readers of the config ({@code metrics} entries, {@code on_change} samplers), resolved
 * against the message types the gateway knows, with the config errors a missing type causes.
 */
final class FieldReaders {
  private final FieldCatalog fields;

  FieldReaders(FieldCatalog fields) {
    this.fields = fields;
  }

  /**
   * The reader of {@code field} in samples of {@code topic}.
   *
   * @param type the topic's type; null when its rule has none
   * @param what the config entry that needs the reader, for the error message
   * @throws IllegalArgumentException when {@code type} is null or not known to the gateway
   */
  FieldReader reader(String topic, @Nullable RosTypeName type, String field, String what) {
    if (type == null) {
      throw new IllegalArgumentException(
          what + " on " + topic + ": the topic's rule needs a type to read field " + field);
    }
    return fields
        .reader(type, FieldPath.parse(field))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what
                        + " on "
                        + topic
                        + ": type "
                        + type
                        + " is not known to the gateway; add its .msg file under"
                        + " ros2.message_paths"));
  }
}
