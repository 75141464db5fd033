package io.edgegateway.daemon.cli;

import io.edgegateway.mcap.Ros2Export;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of {@code export} on a terminal: bytes written, messages, how much of the
 * source was read and the time left, rewritten in place at most every {@link #INTERVAL_NS}. Prints
 * nothing when the output is not a terminal.
 */
final class ExportProgress implements Ros2Export.Progress {
  static final long INTERVAL_NS = 500_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long startNs;
  private long lastNs;
  private boolean printed;

  ExportProgress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.startNs = nanoTime.getAsLong();
    this.lastNs = startNs;
  }

  @Override
  public void update(long bytes, long messages, double fractionRead) {
    if (!terminal) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastNs < INTERVAL_NS) {
      return;
    }
    lastNs = now;
    err.print("\r" + line(bytes, messages, fractionRead, now - startNs) + "   ");
    err.flush();
    printed = true;
  }

  /**
   * Whether the process runs on a terminal: {@code System.console()} is there, and on JDK 22 and
   * later (where it is there even when redirected) {@code Console.isTerminal()} says so too.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17..21: a console exists only on a terminal
    }
  }

  /** Ends the progress line, if one was printed. */
  void finish() {
    if (printed) {
      err.println();
      err.flush();
    }
  }

  static String line(long bytes, long messages, double fraction, long elapsedNs) {
    String eta;
    if (Double.isNaN(fraction) || fraction <= 0) {
      eta = "ETA --";
    } else {
      long leftS = Math.round(elapsedNs / 1e9 * (1 - Math.min(1, fraction)) / fraction);
      eta = String.format(Locale.ROOT, "ETA %d:%02d", leftS / 60, leftS % 60);
    }
    String read =
        Double.isNaN(fraction)
            ? "?"
            : String.format(Locale.ROOT, "%.0f%%", 100 * Math.min(1, fraction));
    return String.format(
        Locale.ROOT, "export: %s, %d messages, %s read, %s", size(bytes), messages, read, eta);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
