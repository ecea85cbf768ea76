package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import imageserver.source.SourceKind;

/** The SQL of the sources table. */
final class SourceTable {
    private static final String COLUMNS =
            "id, path, kind, size, mtime, fingerprint, last_scan, state, message, entry_count, skipped";

    private SourceTable() {
    }

    static List<SourceRecord> all(Connection c) throws SQLException {
        List<SourceRecord> sources = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM sources")) {
            while (rs.next()) {
                sources.add(read(rs));
            }
        }
        sources.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.path(), b.path()));
        return sources;
    }

    static Optional<SourceRecord> find(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static int insert(Connection c, String path, SourceKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sources (path, kind, state) VALUES (?, ?, 'OK')", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, path);
            ps.setString(2, kind.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getInt(1);
            }
        }
    }

    static void recordScan(Connection c, int id, SourceKind kind, long size, long mtime, long fingerprint,
                           int entryCount, int skipped, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sources SET kind = ?, size = ?, mtime = ?, fingerprint = ?, entry_count = ?, skipped = ?,"
                        + " last_scan = ?, state = 'OK', message = NULL WHERE id = ?")) {
            ps.setString(1, kind.name());
            ps.setLong(2, size);
            ps.setLong(3, mtime);
            ps.setLong(4, fingerprint);
            ps.setInt(5, entryCount);
            ps.setInt(6, skipped);
            ps.setTimestamp(7, Timestamp.from(when));
            ps.setInt(8, id);
            ps.executeUpdate();
        }
    }

    static void recordFailure(Connection c, int id, String message, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sources SET state = 'FAILED', message = ?, last_scan = ? WHERE id = ?")) {
            ps.setString(1, truncate(message, 1024));
            ps.setTimestamp(2, Timestamp.from(when));
            ps.setInt(3, id);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sources WHERE id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }

    private static SourceRecord read(ResultSet rs) throws SQLException {
        Timestamp lastScan = rs.getTimestamp(7);
        return new SourceRecord(
                rs.getInt(1),
                rs.getString(2),
                SourceKind.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                lastScan == null ? null : lastScan.toInstant(),
                SourceState.valueOf(rs.getString(8)),
                rs.getString(9),
                rs.getInt(10),
                rs.getInt(11));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
