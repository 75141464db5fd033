package io.edgegateway.buffer;

import io.edgegateway.core.config.Durability;
import java.nio.file.Path;

/**
 * A child process for the crash test: opens the queue in {@code args[0]} and appends batches of
 * stream {@code telemetry} with seq 1, 2, ... forever, printing {@code committed <seq>} after each
 * append returned, until it is killed. It never closes the queue.
 */
public final class AppendUntilKilled {

  static final int PAYLOAD_BYTES = 16 * 1024;

  private AppendUntilKilled() {}

  public static void main(String[] args) {
    SqliteDurableQueue queue =
        SqliteDurableQueue.open(Path.of(args[0]), 1L << 40, Durability.valueOf(args[1]));
    for (long seq = 1; ; seq++) {
      queue.append(TestBatches.batch("telemetry", seq, 5, PAYLOAD_BYTES));
      System.out.println("committed " + seq);
      System.out.flush();
    }
  }
}
