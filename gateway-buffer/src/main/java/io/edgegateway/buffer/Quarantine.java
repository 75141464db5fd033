package io.edgegateway.buffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrity check of {@code queue.db} and its WAL before a queue opens, and the move of a
 * corrupt file aside ({@code queue.db.corrupt-<timestamp>}, kept for inspection) so that the
 * gateway starts with a fresh queue instead of failing on every start.
 */
final class Quarantine {

  private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

  private static final int WAL_HEADER_BYTES = 32;
  private static final int WAL_MAGIC_LITTLE_ENDIAN_CHECKSUMS = 0x377f0682;
  private static final int WAL_MAGIC_BIG_ENDIAN_CHECKSUMS = 0x377f0683;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Quarantine() {}

  /**
   * Moves {@code db} (with its WAL and shared-memory files) or only its WAL aside if either is
   * corrupt.
   *
   * @return how many times something was moved aside: 0 or 1
   * @throws SQLException if the check failed for a reason other than corruption (e.g. I/O)
   */
  static int checkAndMoveAside(Path db, long wallMillis) throws SQLException, IOException {
    String walProblem = walProblem(db);
    if (walProblem != null) {
      Path target = target(db, wallMillis);
      moveIfPresent(wal(db), wal(target));
      moveIfPresent(shm(db), shm(target));
      log.error(
          "queue WAL {} is corrupt ({}); moved it aside to {} and opened {} without it",
          wal(db),
          walProblem,
          wal(target),
          db);
      return 1;
    }
    String problem = problem(db);
    if (problem == null) {
      return 0;
    }
    Path target = target(db, wallMillis);
    moveIfPresent(db, target);
    moveIfPresent(wal(db), wal(target));
    moveIfPresent(shm(db), shm(target));
    log.error(
        "queue file {} is corrupt ({}); moved it aside to {} and started a fresh, empty queue;"
            + " the batches it held are not uploaded",
        db,
        problem,
        target);
    return 1;
  }

  /** Why the WAL of {@code db} is not a SQLite WAL, or null if it is absent, empty or valid. */
  static @Nullable String walProblem(Path db) throws IOException {
    Path wal = wal(db);
    if (!Files.isRegularFile(wal) || Files.size(wal) == 0) {
      return null;
    }
    byte[] header;
    try (InputStream in = Files.newInputStream(wal)) {
      header = in.readNBytes(WAL_HEADER_BYTES);
    }
    if (header.length < WAL_HEADER_BYTES) {
      return "WAL header truncated to " + header.length + " bytes";
    }
    int magic = ByteBuffer.wrap(header).getInt();
    if (magic != WAL_MAGIC_LITTLE_ENDIAN_CHECKSUMS && magic != WAL_MAGIC_BIG_ENDIAN_CHECKSUMS) {
      return String.format("bad WAL magic 0x%08x", magic);
    }
    return null;
  }

  /**
   * Why {@code db} cannot be used as a queue (failed {@code PRAGMA quick_check}, not a database,
   * foreign tables), or null if it is absent, empty or a queue database.
   */
  static @Nullable String problem(Path db) throws SQLException {
    if (!Files.exists(db)) {
      return null;
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery("PRAGMA quick_check")) {
        String result = row.next() ? row.getString(1) : "no result";
        if (!"ok".equals(result)) {
          return "quick_check: " + result;
        }
      }
      return Schema.problem(connection);
    } catch (SQLException e) {
      if (SqliteErrors.isCorruption(e)) {
        return Objects.requireNonNullElse(e.getMessage(), e.toString());
      }
      throw e;
    }
  }

  static Path target(Path db, long wallMillis) {
    String base = db.getFileName() + ".corrupt-" + STAMP.format(Instant.ofEpochMilli(wallMillis));
    Path target = db.resolveSibling(base);
    for (int i = 1; Files.exists(target) || Files.exists(wal(target)); i++) {
      target = db.resolveSibling(base + "-" + i);
    }
    return target;
  }

  private static void moveIfPresent(Path from, Path to) throws IOException {
    if (Files.exists(from)) {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static Path wal(Path db) {
    return db.resolveSibling(db.getFileName() + "-wal");
  }

  private static Path shm(Path db) {
    return db.resolveSibling(db.getFileName() + "-shm");
  }
}
