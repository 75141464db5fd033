package io.edgegateway.daemon.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code struct sockaddr_un} for a Unix socket address as {@code $NOTIFY_SOCKET} gives it: a file
 * system path ({@code /run/systemd/notify}) or an abstract name ({@code @name}, the {@code @}
 * standing for the leading NUL byte).
 *
 * @param bytes the structure, {@link #length} bytes of it used
 * @param length the address length to pass to {@code sendto}/{@code bind}
 */
record UnixAddress(byte[] bytes, int length) {

  /**
   * Parses {@code $NOTIFY_SOCKET}.
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  static UnixAddress of(String socket) {
    boolean abstractName = socket.startsWith("@");
    if (!abstractName && !socket.startsWith("/")) {
      throw new IllegalArgumentException(
          "NOTIFY_SOCKET : " + socket + " (expected: an absolute path or @abstract-name)");
    }
    byte[] name = socket.getBytes(StandardCharsets.UTF_8);
    // a path needs its terminating NUL; an abstract name's '@' becomes the leading NUL
    int pathBytes = abstractName ? name.length : name.length + 1;
    if (name.length < 2 || pathBytes > LibC.SUN_PATH_MAX) {
      throw new IllegalArgumentException(
          "NOTIFY_SOCKET : " + socket + " (expected: 2 to " + (LibC.SUN_PATH_MAX - 1) + " bytes)");
    }
    ByteBuffer b =
        ByteBuffer.allocate(LibC.SUN_PATH_OFFSET + LibC.SUN_PATH_MAX)
            .order(ByteOrder.nativeOrder());
    b.putShort((short) LibC.AF_UNIX);
    if (abstractName) {
      b.put((byte) 0).put(name, 1, name.length - 1);
    } else {
      b.put(name).put((byte) 0);
    }
    return new UnixAddress(b.array(), LibC.SUN_PATH_OFFSET + pathBytes);
  }
}
