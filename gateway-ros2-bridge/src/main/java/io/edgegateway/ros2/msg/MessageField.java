package io.edgegateway.ros2.msg;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A field of a message definition.
 *
 * @param name the field name as written in the {@code .msg} file
 * @param type its type
 * @param defaultValue the default value written after the name (a Java value, a {@code List} for
 *     arrays), or {@code null} if none
 */
public record MessageField(String name, FieldType type, @Nullable Object defaultValue) {
  public MessageField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
