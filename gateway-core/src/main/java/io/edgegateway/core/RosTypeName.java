package io.edgegateway.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A ROS 2 message type name in its three spellings: {@code pkg/msg/Type} (ROS), and {@code
 * pkg::msg::dds_::Type_} (DDS wire).
 */
public record RosTypeName(String pkg, String kind, String name) {
  private static final Pattern ROS_FORM =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*/(msg|srv|action)/[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern DDS_FORM =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*::(msg|srv|action)::dds_::[A-Za-z][A-Za-z0-9_]*_");

  public RosTypeName {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** True if {@code text} is a ROS type name such as {@code std_msgs/msg/String}. */
  public static boolean isValid(String text) {
    return text != null && ROS_FORM.matcher(text).matches();
  }

  /** Parses {@code pkg/msg/Type}. */
  public static RosTypeName parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException(
          "type : " + text + " (expected: package/msg/Type, e.g. std_msgs/msg/String)");
    }
    String[] parts = text.split("/");
    return new RosTypeName(parts[0], parts[1], parts[2]);
  }

  /** Parses the DDS wire spelling {@code pkg::msg::dds_::Type_}. */
  public static RosTypeName fromDds(String ddsName) {
    if (ddsName == null || !DDS_FORM.matcher(ddsName).matches()) {
      throw new IllegalArgumentException(
          "ddsName : " + ddsName + " (expected: package::msg::dds_::Type_)");
    }
    String[] parts = ddsName.split("::");
    return new RosTypeName(parts[0], parts[1], parts[3].substring(0, parts[3].length() - 1));
  }

  /** {@code pkg::msg::dds_::Type_}, the name on the DDS wire. */
  public String ddsName() {
    return pkg + "::" + kind + "::dds_::" + name + "_";
  }

  /** {@code pkg/msg/Type}. */
  @Override
  public String toString() {
    return pkg + "/" + kind + "/" + name;
  }
}
