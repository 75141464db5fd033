package io.edgegateway.daemon.host;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the kernel's clock discipline state with {@code adjtimex(2)} in read-only mode ({@code
 * modes = 0}, no privilege needed), through JNA. The kernel keeps this state for whatever
 * disciplines the clock (chrony, ntpd, systemd-timesyncd, PTP's phc2sys): the daemon that
 * synchronises it clears {@code STA_UNSYNC} and keeps the maximum error small; with nobody
 * synchronising it, the call returns {@code TIME_ERROR} and the maximum error grows by 500 ppm a
 * second up to 16 s.
 *
 * <p>Only the leading fields of {@code struct timex} are read; they are all C {@code long} after an
 * {@code unsigned int} (padded to a long), so the offsets follow from the native long size on both
 * LP64 (x86_64, aarch64) and ILP32 (armhf) Linux.
 */
public final class KernelClock {
  private static final Logger log = LoggerFactory.getLogger(KernelClock.class);

  /** Larger than {@code struct timex} on every Linux ABI (208 bytes on LP64). */
  private static final int TIMEX_BYTES = 512;

  private static final int L = Native.LONG_SIZE;
  private static final int MAXERROR_OFFSET = 3 * L;
  private static final int ESTERROR_OFFSET = 4 * L;
  private static final int STATUS_OFFSET = 5 * L;

  private final LibC libc;

  interface LibC extends Library {
    int adjtimex(Pointer timex);
  }

  private KernelClock(LibC libc) {
    this.libc = libc;
  }

  /**
   * The kernel clock through the C library, or empty where it cannot be read (not Linux, no JNA
   * native support for this platform); that is logged once.
   */
  public static Optional<KernelClock> open() {
    try {
      KernelClock clock = new KernelClock(Native.load("c", LibC.class));
      clock.read();
      return Optional.of(clock);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      log.warn("Clock synchronisation state not available (adjtimex): {}", e.toString());
      return Optional.empty();
    }
  }

  /**
   * One reading of the kernel's clock state; cheap (one system call), so it can be done on every
   * scrape.
   *
   * @throws IllegalStateException if the call fails
   */
  public ClockSync read() {
    try (Memory timex = new Memory(TIMEX_BYTES)) {
      timex.clear();
      int state = libc.adjtimex(timex);
      if (state < 0) {
        throw new IllegalStateException("adjtimex failed, errno " + Native.getLastError());
      }
      return new ClockSync(
          state,
          timex.getInt(STATUS_OFFSET),
          timex.getNativeLong(MAXERROR_OFFSET).longValue(),
          timex.getNativeLong(ESTERROR_OFFSET).longValue());
    }
  }
}
