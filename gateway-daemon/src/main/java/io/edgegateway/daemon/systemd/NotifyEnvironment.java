package io.edgegateway.daemon.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What systemd tells a {@code Type=notify} service in its environment: where to send notify
 * messages ({@code NOTIFY_SOCKET}) and, if the unit has {@code WatchdogSec=}, the watchdog interval
 * ({@code WATCHDOG_USEC}) for this process ({@code WATCHDOG_PID}, if set, must be our pid).
 *
 * @param socket the notify socket address
 * @param watchdog the watchdog interval, empty if no watchdog applies to this process
 */
record NotifyEnvironment(String socket, Optional<Duration> watchdog) {
  private static final Logger log = LoggerFactory.getLogger(NotifyEnvironment.class);

  /**
   * Reads {@code env}; empty if {@code NOTIFY_SOCKET} is not set (or empty). A bad {@code
   * WATCHDOG_USEC} or {@code WATCHDOG_PID} is logged (WARN) and means no watchdog.
   *
   * @param pid this process's id
   */
  static Optional<NotifyEnvironment> of(Map<String, String> env, long pid) {
    String socket = env.getOrDefault("NOTIFY_SOCKET", "");
    if (socket.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NotifyEnvironment(socket, watchdog(env, pid)));
  }

  private static Optional<Duration> watchdog(Map<String, String> env, long pid) {
    String usec = env.getOrDefault("WATCHDOG_USEC", "");
    if (usec.isEmpty()) {
      return Optional.empty();
    }
    String forPid = env.getOrDefault("WATCHDOG_PID", "");
    try {
      if (!forPid.isEmpty() && Long.parseLong(forPid) != pid) {
        log.info("the systemd watchdog is for pid {}, not this process ({})", forPid, pid);
        return Optional.empty();
      }
      long micros = Long.parseLong(usec);
      if (micros <= 0) {
        throw new NumberFormatException("not positive");
      }
      return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
    } catch (NumberFormatException | ArithmeticException e) {
      log.warn(
          "WATCHDOG_USEC : {} / WATCHDOG_PID : {} (expected: positive integers); no watchdog pings",
          usec,
          forPid);
      return Optional.empty();
    }
  }
}
