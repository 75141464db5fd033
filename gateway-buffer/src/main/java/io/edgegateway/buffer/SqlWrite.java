package io.edgegateway.buffer;

import java.sql.SQLException;

/** A write on the queue's database that may fail with a {@link SQLException}. */
@FunctionalInterface
interface SqlWrite<T> {
  T run() throws SQLException;

  /**
   * A write on the queue's database that returns nothing and may fail with a {@link SQLException}.
   */
  @FunctionalInterface
  interface NoResult {
    void run() throws SQLException;

    /** This write as a {@link SqlWrite} whose result, {@code true}, says only that it ran. */
    default SqlWrite<Boolean> asWrite() {
      return () -> {
        run();
        return Boolean.TRUE;
      };
    }
  }
}
