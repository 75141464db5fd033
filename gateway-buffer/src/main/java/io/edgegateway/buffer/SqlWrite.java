package io.edgegateway.buffer;

import java.sql.SQLException;

/** A write on the queue's database that may fail with a {@link SQLException}. */
@FunctionalInterface
interface SqlWrite<T> {
  T run() throws SQLException;
}
