package io.edgegateway.daemon.host;

/**
 * The kernel's clock discipline state as {@code adjtimex(2)} reports it.
 *
 * @param state the call's return value: {@code TIME_OK} (0) … {@code TIME_ERROR} (5)
 * @param status the {@code STA_*} status bits
 * @param maxErrorMicros the kernel's bound on the clock's error, in µs (grows while unsynchronised)
 * @param estimatedErrorMicros the synchronising daemon's estimate of the error, in µs
 */
public record ClockSync(int state, int status, long maxErrorMicros, long estimatedErrorMicros) {
  /** {@code adjtimex} return value: the clock is not synchronised to a reliable source. */
  public static final int TIME_ERROR = 5;

  /** {@code STA_UNSYNC}: set by the kernel (and by the daemon) while the clock is not in sync. */
  public static final int STA_UNSYNC = 0x0040;

  /**
   * Whether something disciplines the clock: the kernel does not report {@code TIME_ERROR} (which
   * it does when {@code STA_UNSYNC} or {@code STA_CLOCKERR} is set, or the PPS signal is lost) and
   * {@code STA_UNSYNC} is clear.
   */
  public boolean synchronised() {
    return state != TIME_ERROR && (status & STA_UNSYNC) == 0;
  }

  /** The maximum error in seconds. */
  public double maxErrorSeconds() {
    return maxErrorMicros / 1e6;
  }

  /** The estimated error in seconds. */
  public double estimatedErrorSeconds() {
    return estimatedErrorMicros / 1e6;
  }
}
