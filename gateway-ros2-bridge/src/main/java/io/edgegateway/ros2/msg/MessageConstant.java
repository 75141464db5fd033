package io.edgegateway.ros2.msg;

import java.util.Objects;

/**
 * A constant of a message definition, e.g. {@code byte OK=0}.
 *
 * @param name the constant name
 * @param type its primitive type
 * @param value its value: Boolean, Long, Double or String
 */
public record MessageConstant(String name, Primitive type, Object value) {
  public MessageConstant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }
}
