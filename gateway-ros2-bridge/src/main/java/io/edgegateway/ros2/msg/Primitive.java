package io.edgegateway.ros2.msg;

import java.util.Locale;
import java.util.Optional;

/** A ROS 2 primitive field type and its CDR size and alignment in bytes (0 for strings). */
public enum Primitive {
  BOOL(1),
  BYTE(1),
  CHAR(1),
  INT8(1),
  UINT8(1),
  INT16(2),
  UINT16(2),
  INT32(4),
  UINT32(4),
  INT64(8),
  UINT64(8),
  FLOAT32(4),
  FLOAT64(8),
  STRING(0),
  WSTRING(0);

  private final int size;

  Primitive(int size) {
    this.size = size;
  }

  /** Bytes one value takes in CDR, which is also its alignment; 0 for the string types. */
  public int size() {
    return size;
  }

  /** True for {@code string} and {@code wstring}. */
  public boolean isString() {
    return size == 0;
  }

  /** The name used in {@code .msg} files, e.g. {@code float64}. */
  public String msgName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The primitive spelled {@code name} in a {@code .msg} file, if it is one. */
  public static Optional<Primitive> fromMsgName(String name) {
    for (Primitive p : values()) {
      if (p.msgName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
