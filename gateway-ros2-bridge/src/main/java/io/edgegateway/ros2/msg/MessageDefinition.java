package io.edgegateway.ros2.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One parsed {@code .msg} file.
 *
 * @param type the message type as {@code pkg/msg/Type}
 * @param text the {@code .msg} text as read
 * @param fields the fields in wire order
 * @param constants the constants in file order
 */
public record MessageDefinition(
    String type, String text, List<MessageField> fields, List<MessageConstant> constants) {
  public MessageDefinition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    fields = List.copyOf(fields);
    constants = List.copyOf(constants);
  }

  /** The nested message types the fields use, {@code pkg/msg/Type}, in field order, distinct. */
  public List<String> dependencies() {
    List<String> deps = new ArrayList<>();
    for (MessageField f : fields) {
      if (f.type().isMessage() && !deps.contains(f.type().messageType())) {
        deps.add(f.type().messageType());
      }
    }
    return List.copyOf(deps);
  }
}
