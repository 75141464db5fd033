package io.edgegateway.buffer.capture;

import io.edgegateway.core.Envelope;
import io.edgegateway.core.capture.Incident;
import io.edgegateway.core.capture.IncidentState;
import io.edgegateway.core.capture.IncidentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * An {@link IncidentStore} in one SQLite database, {@code <dataDir>/incidents.db} (WAL, {@code
 * synchronous=FULL}: what a call returned survives a power loss). Table {@code incidents} holds one
 * row per incident (its header), {@code incident_samples} the samples of sealed incidents, indexed
 * in receive-time order for {@link #samples}.
 *
 * <p>Writes are serialised on one connection; each {@link #samples} cursor reads on its own
 * read-only connection, so an export never blocks sealing.
 */
public final class SqliteIncidentStore implements IncidentStore {
  /** The database file name under the data directory. */
  public static final String FILE = "incidents.db";

  private static final int INSERT_BATCH = 1000;
  private static final String COLUMNS =
      "id, triggers, reason, state, from_ns, to_ns, topics, counts, complete, note";

  private final Path db;
  private final Connection writer;

  private SqliteIncidentStore(Path db, Connection writer) {
    this.db = db;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}.
   *
   * @throws UncheckedIOException when the database cannot be opened or created
   */
  public static SqliteIncidentStore open(Path dataDir) {
    Path db = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(5_000);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS incidents (id TEXT PRIMARY KEY, triggers TEXT NOT NULL,"
                + " reason TEXT NOT NULL, state TEXT NOT NULL, from_ns INTEGER NOT NULL,"
                + " to_ns INTEGER NOT NULL, topics TEXT NOT NULL, counts TEXT NOT NULL,"
                + " complete INTEGER NOT NULL, note TEXT NOT NULL, opened INTEGER NOT NULL)");
        st.execute(
            "CREATE TABLE IF NOT EXISTS incident_samples (incident_id TEXT NOT NULL,"
                + " topic TEXT NOT NULL, type TEXT NOT NULL, source_ns INTEGER NOT NULL,"
                + " receive_ns INTEGER NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL)");
        st.execute(
            "CREATE INDEX IF NOT EXISTS incident_samples_order"
                + " ON incident_samples (incident_id, receive_ns, topic, seq)");
      }
      return new SqliteIncidentStore(db, c);
    } catch (SQLException | IOException e) {
      throw new UncheckedIOException(
          new IOException("incident store " + db + ": " + e.getMessage(), e));
    }
  }

  @Override
  public synchronized void save(Incident incident) {
    try (PreparedStatement st =
        writer.prepareStatement(
            "INSERT INTO incidents ("
                + COLUMNS
                + ", opened) VALUES (?,?,?,?,?,?,?,?,?,?,"
                + " (SELECT COALESCE(MAX(opened), 0) + 1 FROM incidents))"
                + " ON CONFLICT(id) DO UPDATE SET triggers = excluded.triggers,"
                + " reason = excluded.reason, state = excluded.state, from_ns = excluded.from_ns,"
                + " to_ns = excluded.to_ns, topics = excluded.topics, counts = excluded.counts,"
                + " complete = excluded.complete, note = excluded.note")) {
      bind(st, incident);
      st.executeUpdate();
    } catch (SQLException e) {
      throw failure("save incident " + incident.id(), e);
    }
  }

  @Override
  public synchronized Incident seal(Incident incident, SampleSource source, String note)
      throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    try {
      writer.setAutoCommit(false);
      try (PreparedStatement clear =
              writer.prepareStatement("DELETE FROM incident_samples WHERE incident_id = ?");
          PreparedStatement insert =
              writer.prepareStatement(
                  "INSERT INTO incident_samples (incident_id, topic, type, source_ns, receive_ns,"
                      + " seq, payload) VALUES (?,?,?,?,?,?,?)")) {
        clear.setString(1, incident.id());
        clear.executeUpdate();
        int[] pending = {0};
        source.forEach(
            e -> {
              if (!incident.keeps(e.topic())) {
                return;
              }
              try {
                insert.setString(1, incident.id());
                insert.setString(2, e.topic());
                insert.setString(3, e.type());
                insert.setLong(4, e.sourceStampNs());
                insert.setLong(5, e.receiveStampNs());
                insert.setLong(6, e.seq());
                insert.setBytes(7, e.payload());
                insert.addBatch();
                counts.merge(e.topic(), 1L, Long::sum);
                if (++pending[0] >= INSERT_BATCH) {
                  insert.executeBatch();
                  pending[0] = 0;
                }
              } catch (SQLException x) {
                throw new UncheckedIOException(new IOException(x.getMessage(), x));
              }
            });
        insert.executeBatch();
        Incident sealed = incident.sealed(counts, note);
        try (PreparedStatement update =
            writer.prepareStatement(
                "UPDATE incidents SET triggers = ?, reason = ?, state = ?, from_ns = ?, to_ns = ?,"
                    + " topics = ?, counts = ?, complete = ?, note = ? WHERE id = ?")) {
          bindFrom(update, 1, sealed);
          update.setString(10, sealed.id());
          update.executeUpdate();
        }
        writer.commit();
        return sealed;
      } catch (SQLException | IOException | RuntimeException e) {
        writer.rollback();
        if (e instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        throw e;
      } finally {
        writer.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException("seal incident " + incident.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<Incident> list(int limit) {
    return query("ORDER BY opened DESC LIMIT " + Math.max(0, limit));
  }

  @Override
  public synchronized Optional<Incident> find(String id) {
    try (PreparedStatement st =
        writer.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(incident(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read incident " + id, e);
    }
  }

  @Override
  public synchronized List<Incident> recording() {
    return query("WHERE state = 'recording' ORDER BY opened");
  }

  @Override
  public synchronized List<Incident> inState(IncidentState state) {
    return query("WHERE state = '" + state.wireName() + "' ORDER BY opened");
  }

  private List<Incident> query(String tail) {
    List<Incident> found = new ArrayList<>();
    try (Statement st = writer.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM incidents " + tail)) {
      while (rs.next()) {
        found.add(incident(rs));
      }
      return found;
    } catch (SQLException e) {
      throw failure("list incidents", e);
    }
  }

  @Override
  public SampleCursor samples(String id) {
    if (find(id).isEmpty()) {
      throw new NoSuchElementException("no incident " + id);
    }
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
      return new StoredSamples(reader, id);
    } catch (SQLException e) {
      throw failure("read samples of incident " + id, e);
    }
  }

  private static void bind(PreparedStatement st, Incident i) throws SQLException {
    st.setString(1, i.id());
    bindFrom(st, 2, i);
  }

  private static void bindFrom(PreparedStatement st, int at, Incident i) throws SQLException {
    st.setString(at, String.join("\n", i.triggers()));
    st.setString(at + 1, i.reason());
    st.setString(at + 2, i.state().wireName());
    st.setLong(at + 3, i.fromNs());
    st.setLong(at + 4, i.toNs());
    st.setString(at + 5, String.join("\n", new java.util.TreeSet<>(i.topics())));
    StringBuilder counts = new StringBuilder();
    new TreeMap<>(i.counts())
        .forEach((t, n) -> counts.append(t).append('\t').append(n).append('\n'));
    st.setString(at + 6, counts.toString());
    st.setInt(at + 7, i.complete() ? 1 : 0);
    st.setString(at + 8, i.note());
  }

  private static Incident incident(ResultSet rs) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : rs.getString("counts").split("\n")) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        counts.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
      }
    }
    String topics = rs.getString("topics");
    return new Incident(
        rs.getString("id"),
        List.of(rs.getString("triggers").split("\n")),
        rs.getString("reason"),
        IncidentState.ofWireName(rs.getString("state")),
        rs.getLong("from_ns"),
        rs.getLong("to_ns"),
        topics.isEmpty() ? java.util.Set.of() : java.util.Set.of(topics.split("\n")),
        counts,
        rs.getInt("complete") == 1,
        rs.getString("note"));
  }

  private static UncheckedIOException failure(String what, SQLException e) {
    return new UncheckedIOException(new IOException(what + ": " + e.getMessage(), e));
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (SQLException e) {
      // closing is best effort; every write was committed before it returned
    }
  }

  /** A cursor over one incident's samples on its own read-only connection. */
  private static final class StoredSamples implements SampleCursor {
    private final Connection reader;
    private final PreparedStatement st;
    private final ResultSet rs;
    private boolean ready;
    private boolean done;

    StoredSamples(Connection reader, String id) throws SQLException {
      this.reader = reader;
      this.st =
          reader.prepareStatement(
              "SELECT topic, type, source_ns, receive_ns, seq, payload FROM incident_samples"
                  + " WHERE incident_id = ? ORDER BY receive_ns, topic, seq");
      st.setString(1, id);
      this.rs = st.executeQuery();
    }

    @Override
    public boolean hasNext() {
      if (!ready && !done) {
        try {
          done = !rs.next();
        } catch (SQLException e) {
          throw failure("read incident samples", e);
        }
        ready = !done;
      }
      return ready;
    }

    @Override
    public Envelope next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = false;
      try {
        return new Envelope(
            rs.getString(1),
            rs.getString(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getLong(5),
            rs.getBytes(6));
      } catch (SQLException e) {
        throw failure("read incident samples", e);
      }
    }

    @Override
    public void close() {
      try {
        rs.close();
        st.close();
        reader.close();
      } catch (SQLException e) {
        // read-only: nothing to lose
      }
    }
  }
}
