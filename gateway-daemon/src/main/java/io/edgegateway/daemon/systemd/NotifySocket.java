package io.edgegateway.daemon.systemd;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The datagram socket to systemd's notify socket: one {@code sendto} per message, never blocking
 * for long (the kernel queues datagrams; a full queue fails the send, which the caller counts as a
 * missed message). Thread-safe; close once.
 */
final class NotifySocket implements AutoCloseable {
  private final LibC libc;
  private final UnixAddress address;
  private final int fd;

  private NotifySocket(LibC libc, UnixAddress address, int fd) {
    this.libc = libc;
    this.address = address;
    this.fd = fd;
  }

  /**
   * Opens an unbound datagram socket that sends to {@code address}.
   *
   * @throws IOException if the socket cannot be created
   */
  static NotifySocket open(LibC libc, UnixAddress address) throws IOException {
    int fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + libc.strerror(Native.getLastError()));
    }
    return new NotifySocket(libc, address, fd);
  }

  /**
   * Sends one notify message ({@code READY=1}, {@code STATUS=...}; several separated by newlines).
   *
   * @throws IOException if the datagram was not sent (no listener, queue full)
   */
  void send(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    long sent =
        libc.sendto(
                fd,
                bytes,
                new NativeLong(bytes.length),
                LibC.MSG_NOSIGNAL,
                address.bytes(),
                address.length())
            .longValue();
    if (sent != bytes.length) {
      throw new IOException(
          "sendto: " + (sent < 0 ? libc.strerror(Native.getLastError()) : "short send"));
    }
  }

  @Override
  public void close() {
    libc.close(fd);
  }
}
