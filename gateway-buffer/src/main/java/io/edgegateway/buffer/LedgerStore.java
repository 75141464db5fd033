package io.edgegateway.buffer;

import io.edgegateway.core.batch.SealedBatch;
import io.edgegateway.core.batch.TopicSummary;
import io.edgegateway.core.ledger.CommittedCounts;
import io.edgegateway.core.ledger.IntakeCounts;
import io.edgegateway.core.ledger.LostSamples;
import io.edgegateway.core.ledger.SeqRange;
import io.edgegateway.core.ledger.TopicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's side of the completeness ledger in {@code queue.db}: the per-topic summary of every
 * batch ({@code batch_topics}), and per (stream, topic) what was sealed, uploaded, evicted by
 * reason and lost before commit ({@code ledger}, {@code ledger_evicted}, {@code ledger_lost}).
 *
 * <p>Every method that writes runs inside the caller's transaction; the caller calls {@link #begin}
 * after {@code BEGIN} and {@link #committed} after {@code COMMIT}, which publishes the staged
 * changes to the in-memory copy that {@link #snapshot} reads without a lock. The caller holds the
 * queue's write lock.
 */
final class LedgerStore {
  private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);

  /** Recent lost ranges kept per (stream, topic). */
  static final int LOST_RANGES_KEPT = 16;

  private final Map<TopicKey, CommittedCounts> published = new ConcurrentHashMap<>();
  private final Map<TopicKey, Delta> staged = new HashMap<>();
  private final List<TopicKey> reread = new ArrayList<>();

  /** Changes to one line inside the running transaction. */
  private static final class Delta {
    long sealed;
    long sealedFirst;
    long sealedLast;
    long uploaded;
    long uploadedFirst;
    long uploadedLast;
    final Map<String, Long> evicted = new TreeMap<>();
  }

  void begin() {
    staged.clear();
    reread.clear();
  }

  /** Records the topics of {@code batch}, just inserted as row {@code batchId}, as sealed. */
  void sealed(Connection c, long batchId, SealedBatch batch) throws SQLException {
    if (batch.topics().isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO batch_topics (batch_id, stream, topic, count, first_seq, last_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement upsert =
            c.prepareStatement(
                "INSERT INTO ledger (stream, topic, sealed, sealed_first, sealed_last)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream, topic) DO UPDATE SET"
                    + " sealed = sealed + excluded.sealed,"
                    + " sealed_first = CASE WHEN sealed_first = 0 THEN excluded.sealed_first"
                    + " ELSE MIN(sealed_first, excluded.sealed_first) END,"
                    + " sealed_last = MAX(sealed_last, excluded.sealed_last)")) {
      for (TopicSummary t : batch.topics()) {
        insert.setLong(1, batchId);
        insert.setString(2, batch.stream());
        insert.setString(3, t.topic());
        insert.setLong(4, t.count());
        insert.setLong(5, t.firstSeq());
        insert.setLong(6, t.lastSeq());
        insert.addBatch();
        upsert.setString(1, batch.stream());
        upsert.setString(2, t.topic());
        upsert.setLong(3, t.count());
        upsert.setLong(4, t.firstSeq());
        upsert.setLong(5, t.lastSeq());
        upsert.addBatch();
        Delta d = staged.computeIfAbsent(new TopicKey(batch.stream(), t.topic()), k -> new Delta());
        d.sealed += t.count();
        d.sealedFirst = minSeq(d.sealedFirst, t.firstSeq());
        d.sealedLast = Math.max(d.sealedLast, t.lastSeq());
      }
      insert.executeBatch();
      upsert.executeBatch();
    }
  }

  /**
   * Records the batches {@code batchIds}, deleted in this transaction, as uploaded ({@code reason}
   * null) or as evicted for {@code reason}, and deletes their summaries.
   */
  void removed(Connection c, List<Long> batchIds, @Nullable String reason) throws SQLException {
    if (batchIds.isEmpty()) {
      return;
    }
    Map<TopicKey, Delta> changes = new TreeMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "DELETE FROM batch_topics WHERE batch_id = ?"
                + " RETURNING stream, topic, count, first_seq, last_seq")) {
      for (long id : batchIds) {
        select.setLong(1, id);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Delta d =
                changes.computeIfAbsent(
                    new TopicKey(rows.getString(1), rows.getString(2)), k -> new Delta());
            long count = rows.getLong(3);
            if (reason == null) {
              d.uploaded += count;
              d.uploadedFirst = minSeq(d.uploadedFirst, rows.getLong(4));
              d.uploadedLast = Math.max(d.uploadedLast, rows.getLong(5));
            } else {
              d.evicted.merge(reason, count, Long::sum);
            }
          }
        }
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement uploaded =
            c.prepareStatement(
                "INSERT INTO ledger (stream, topic, uploaded, uploaded_first, uploaded_last)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream, topic) DO UPDATE SET"
                    + " uploaded = uploaded + excluded.uploaded,"
                    + " uploaded_first = CASE WHEN uploaded_first = 0"
                    + " THEN excluded.uploaded_first"
                    + " ELSE MIN(uploaded_first, excluded.uploaded_first) END,"
                    + " uploaded_last = MAX(uploaded_last, excluded.uploaded_last)");
        PreparedStatement evicted =
            c.prepareStatement(
                "INSERT INTO ledger_evicted (stream, topic, reason, count) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (stream, topic, reason) DO UPDATE SET"
                    + " count = count + excluded.count")) {
      for (Map.Entry<TopicKey, Delta> e : changes.entrySet()) {
        TopicKey key = e.getKey();
        Delta d = e.getValue();
        if (d.uploaded > 0) {
          uploaded.setString(1, key.stream());
          uploaded.setString(2, key.topic());
          uploaded.setLong(3, d.uploaded);
          uploaded.setLong(4, d.uploadedFirst);
          uploaded.setLong(5, d.uploadedLast);
          uploaded.addBatch();
        }
        for (Map.Entry<String, Long> r : d.evicted.entrySet()) {
          evicted.setString(1, key.stream());
          evicted.setString(2, key.topic());
          evicted.setString(3, r.getKey());
          evicted.setLong(4, r.getValue());
          evicted.addBatch();
        }
        Delta s = staged.computeIfAbsent(key, k -> new Delta());
        s.uploaded += d.uploaded;
        s.uploadedFirst = minSeq(s.uploadedFirst, d.uploadedFirst);
        s.uploadedLast = Math.max(s.uploadedLast, d.uploadedLast);
        d.evicted.forEach((r, n) -> s.evicted.merge(r, n, Long::sum));
      }
      uploaded.executeBatch();
      evicted.executeBatch();
    }
  }

  /** Records losses and the intake counts (see {@code DurableQueue.recordLost}). */
  void lost(
      Connection c, List<LostSamples> lost, Map<TopicKey, IntakeCounts> intake, long nowMillis)
      throws SQLException {
    try (PreparedStatement upsert =
            c.prepareStatement(
                "INSERT INTO ledger (stream, topic, lost, lost_through) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (stream, topic) DO UPDATE SET lost = lost + excluded.lost,"
                    + " lost_through = MAX(lost_through, excluded.lost_through)");
        PreparedStatement range =
            c.prepareStatement(
                "INSERT INTO ledger_lost (stream, topic, first_seq, last_seq, count,"
                    + " recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement trim =
            c.prepareStatement(
                "DELETE FROM ledger_lost WHERE stream = ? AND topic = ? AND id NOT IN"
                    + " (SELECT id FROM ledger_lost WHERE stream = ? AND topic = ?"
                    + " ORDER BY id DESC LIMIT "
                    + LOST_RANGES_KEPT
                    + ")")) {
      for (LostSamples l : lost) {
        TopicKey key = l.key();
        upsert.setString(1, key.stream());
        upsert.setString(2, key.topic());
        upsert.setLong(3, l.range().count());
        upsert.setLong(4, l.range().last());
        upsert.executeUpdate();
        range.setString(1, key.stream());
        range.setString(2, key.topic());
        range.setLong(3, l.range().first());
        range.setLong(4, l.range().last());
        range.setLong(5, l.range().count());
        range.setLong(6, nowMillis);
        range.executeUpdate();
        trim.setString(1, key.stream());
        trim.setString(2, key.topic());
        trim.setString(3, key.stream());
        trim.setString(4, key.topic());
        trim.executeUpdate();
        reread.add(key);
      }
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO ledger (stream, topic, received, sampled_out, intake_dropped)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (stream, topic) DO UPDATE SET"
                + " received = MAX(received, excluded.received),"
                + " sampled_out = MAX(sampled_out, excluded.sampled_out),"
                + " intake_dropped = MAX(intake_dropped, excluded.intake_dropped)")) {
      for (Map.Entry<TopicKey, IntakeCounts> e : intake.entrySet()) {
        upsert.setString(1, e.getKey().stream());
        upsert.setString(2, e.getKey().topic());
        upsert.setLong(3, e.getValue().received());
        upsert.setLong(4, e.getValue().sampledOut());
        upsert.setLong(5, e.getValue().intakeDropped());
        upsert.addBatch();
        reread.add(e.getKey());
      }
      upsert.executeBatch();
    }
  }

  /**
   * Publishes what the just-committed transaction changed. Never fails: if re-reading recorded
   * losses fails, the in-memory copy lags until the next {@link #load}.
   */
  void committed(Connection c) {
    staged.forEach((key, d) -> published.compute(key, (k, old) -> apply(k, old, d)));
    staged.clear();
    if (!reread.isEmpty()) {
      try {
        Map<TopicKey, CommittedCounts> fresh = read(c);
        for (TopicKey key : reread) {
          CommittedCounts line = fresh.get(key);
          if (line != null) {
            published.put(key, line);
          }
        }
      } catch (SQLException e) {
        log.warn("ledger: could not re-read recorded losses: {}", e.getMessage());
      }
      reread.clear();
    }
  }

  /** Replaces the in-memory copy with the file's content. */
  void load(Connection c) throws SQLException {
    Map<TopicKey, CommittedCounts> fresh = read(c);
    published.keySet().retainAll(fresh.keySet());
    published.putAll(fresh);
    staged.clear();
    reread.clear();
  }

  /** The published lines, sorted by stream then topic. */
  List<CommittedCounts> snapshot() {
    return new TreeMap<>(published).values().stream().toList();
  }

  /** Every ledger line in the database on {@code c}; empty if the file has no ledger tables. */
  static Map<TopicKey, CommittedCounts> read(Connection c) throws SQLException {
    Map<TopicKey, CommittedCounts> out = new TreeMap<>();
    try (Statement statement = c.createStatement()) {
      try (ResultSet t =
          statement.executeQuery(
              "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger'")) {
        if (!t.next() || t.getLong(1) == 0) {
          return out;
        }
      }
      Map<TopicKey, Map<String, Long>> evicted = new HashMap<>();
      try (ResultSet rows =
          statement.executeQuery("SELECT stream, topic, reason, count FROM ledger_evicted")) {
        while (rows.next()) {
          evicted
              .computeIfAbsent(
                  new TopicKey(rows.getString(1), rows.getString(2)), k -> new TreeMap<>())
              .put(rows.getString(3), rows.getLong(4));
        }
      }
      Map<TopicKey, List<SeqRange>> ranges = new HashMap<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT stream, topic, first_seq, last_seq, count FROM ledger_lost ORDER BY id")) {
        while (rows.next()) {
          ranges
              .computeIfAbsent(
                  new TopicKey(rows.getString(1), rows.getString(2)), k -> new ArrayList<>())
              .add(new SeqRange(rows.getLong(3), rows.getLong(4), rows.getLong(5)));
        }
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT stream, topic, sealed, sealed_first, sealed_last, uploaded, uploaded_first,"
                  + " uploaded_last, lost, lost_through, received, sampled_out, intake_dropped"
                  + " FROM ledger")) {
        while (rows.next()) {
          TopicKey key = new TopicKey(rows.getString(1), rows.getString(2));
          out.put(
              key,
              new CommittedCounts(
                  key,
                  rows.getLong(3),
                  rows.getLong(4),
                  rows.getLong(5),
                  rows.getLong(6),
                  rows.getLong(7),
                  rows.getLong(8),
                  evicted.getOrDefault(key, Map.of()),
                  rows.getLong(9),
                  rows.getLong(10),
                  ranges.getOrDefault(key, List.of()),
                  new IntakeCounts(rows.getLong(11), rows.getLong(12), rows.getLong(13))));
        }
      }
    }
    return out;
  }

  private static CommittedCounts apply(TopicKey key, CommittedCounts old, Delta d) {
    CommittedCounts o = old == null ? CommittedCounts.empty(key) : old;
    Map<String, Long> evicted = new TreeMap<>(o.evicted());
    d.evicted.forEach((r, n) -> evicted.merge(r, n, Long::sum));
    return new CommittedCounts(
        key,
        o.sealed() + d.sealed,
        minSeq(o.sealedFirst(), d.sealedFirst),
        Math.max(o.sealedLast(), d.sealedLast),
        o.uploaded() + d.uploaded,
        minSeq(o.uploadedFirst(), d.uploadedFirst),
        Math.max(o.uploadedLast(), d.uploadedLast),
        evicted,
        o.lostBeforeCommit(),
        o.lostThrough(),
        o.lostRanges(),
        o.intake());
  }

  /** The smaller of two seqs where 0 means none. */
  private static long minSeq(long a, long b) {
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }
}
