package io.edgegateway.buffer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A batch row chosen for deletion: its id and what it counted for in the totals. */
record BatchRow(long id, String stream, long bytes) {

  /** The row at the cursor of {@code rows}, whose first columns are {@code id, stream, bytes}. */
  static BatchRow at(ResultSet rows) throws SQLException {
    return new BatchRow(rows.getLong(1), rows.getString(2), rows.getLong(3));
  }

  /** The ids of {@code rows}, in their order. */
  static List<Long> ids(List<BatchRow> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    rows.forEach(r -> ids.add(r.id()));
    return ids;
  }

  /** The payload bytes of {@code rows} together. */
  static long totalBytes(List<BatchRow> rows) {
    return rows.stream().mapToLong(BatchRow::bytes).sum();
  }
}
