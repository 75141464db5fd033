package io.edgegateway.buffer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs writes on the queue's writing connection, each as one {@code BEGIN IMMEDIATE} transaction
 * that the completeness ledger's staged changes follow: {@link LedgerStore#begin} after {@code
 * BEGIN}, {@link LedgerStore#committed} after {@code COMMIT}, a rollback on any failure. The caller
 * holds the queue's write lock.
 */
final class WriteTransactions {

  private final Connection writer;
  private final LedgerStore ledger;

  WriteTransactions(Connection writer, LedgerStore ledger) {
    this.writer = writer;
    this.ledger = ledger;
  }

  /** Runs {@code body} in one transaction and returns its result once committed. */
  <T> T run(SqlWrite<T> body) throws SQLException {
    try (Statement transaction = writer.createStatement()) {
      transaction.execute("BEGIN IMMEDIATE");
      ledger.begin();
      try {
        T result = body.run();
        transaction.execute("COMMIT");
        ledger.committed(writer);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(transaction);
        throw e;
      }
    }
  }

  /** As {@link #run(SqlWrite)}, for a write that returns nothing. */
  void runWithoutResult(SqlWrite.NoResult body) throws SQLException {
    run(body.asWrite());
  }

  private static void rollbackQuietly(Statement transaction) {
    try {
      transaction.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
  }
}
