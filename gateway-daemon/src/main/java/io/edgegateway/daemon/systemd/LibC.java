package io.edgegateway.daemon.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The libc socket calls the notify protocol needs (a Unix datagram socket; the JDK has none before
 * 22), through JNA. Loaded only when {@code NOTIFY_SOCKET} is set. Linux constants.
 */
interface LibC extends Library {
  int AF_UNIX = 1;
  int SOCK_DGRAM = 2;
  int SOCK_CLOEXEC = 0x80000;
  int MSG_NOSIGNAL = 0x4000;
  int SOL_SOCKET = 1;
  int SO_RCVTIMEO = 20;

  /** {@code struct sockaddr_un}: a 2-byte family, then 108 bytes of path. */
  int SUN_PATH_OFFSET = 2;

  int SUN_PATH_MAX = 108;

  /** Loads libc; throws {@link UnsatisfiedLinkError} if JNA or libc cannot be loaded. */
  static LibC load() {
    return Native.load("c", LibC.class);
  }

  int socket(int domain, int type, int protocol);

  NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen);

  int bind(int fd, byte[] addr, int addrLen);

  NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);

  int setsockopt(int fd, int level, int name, byte[] value, int len);

  int close(int fd);

  String strerror(int errno);
}
