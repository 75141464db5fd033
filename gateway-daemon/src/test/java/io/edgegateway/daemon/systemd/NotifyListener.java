package io.edgegateway.daemon.systemd;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What systemd's side of the notify protocol is in these tests: a Unix datagram socket bound to a
 * path or an abstract {@code @name}, with a thread that keeps every datagram it receives and when.
 */
public final class NotifyListener implements AutoCloseable {
  /** One datagram, with the monotonic time it arrived. */
  public record Message(long atNanos, String text) {}

  private final LibC libc = LibC.load();
  private final String address;
  private final int fd;
  private final Thread reader;
  private final List<Message> messages = new ArrayList<>();
  private volatile boolean open = true;

  private NotifyListener(String address) throws IOException {
    this.address = address;
    this.fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw new IOException("socket: " + libc.strerror(Native.getLastError()));
    }
    UnixAddress a = UnixAddress.of(address);
    if (libc.bind(fd, a.bytes(), a.length()) != 0) {
      int errno = Native.getLastError();
      libc.close(fd);
      throw new IOException("bind " + address + ": " + libc.strerror(errno));
    }
    // struct timeval {long tv_sec; long tv_usec;}: 100 ms, so the reader sees close() soon
    ByteBuffer timeval = ByteBuffer.allocate(2 * Native.LONG_SIZE).order(ByteOrder.nativeOrder());
    if (Native.LONG_SIZE == 8) {
      timeval.putLong(0).putLong(100_000);
    } else {
      timeval.putInt(0).putInt(100_000);
    }
    libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval.array(), timeval.capacity());
    this.reader = new Thread(this::read, "notify-listener");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Binds {@code address} ({@code /path} or {@code @name}) and starts receiving. */
  public static NotifyListener bind(String address) throws IOException {
    return new NotifyListener(address);
  }

  /** The address, as {@code NOTIFY_SOCKET} gives it. */
  public String address() {
    return address;
  }

  private void read() {
    byte[] buf = new byte[4096];
    while (open) {
      long n = libc.recv(fd, buf, new NativeLong(buf.length), 0).longValue();
      if (n > 0) {
        Message m =
            new Message(System.nanoTime(), new String(buf, 0, (int) n, StandardCharsets.UTF_8));
        synchronized (messages) {
          messages.add(m);
        }
      }
    }
  }

  /** Every datagram so far, in arrival order. */
  public List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** The datagrams so far that contain the line {@code assignment} (e.g. {@code WATCHDOG=1}). */
  public List<Message> with(String assignment) {
    List<Message> out = new ArrayList<>();
    for (Message m : messages()) {
      if (m.text().lines().anyMatch(l -> l.equals(assignment))) {
        out.add(m);
      }
    }
    return out;
  }

  /** The values of every {@code STATUS=} line so far. */
  public List<String> statuses() {
    List<String> out = new ArrayList<>();
    for (Message m : messages()) {
      m.text().lines().filter(l -> l.startsWith("STATUS=")).forEach(l -> out.add(l.substring(7)));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    open = false;
    reader.join(2000);
    libc.close(fd);
    if (address.startsWith("/")) {
      Files.deleteIfExists(Path.of(address));
    }
  }
}
