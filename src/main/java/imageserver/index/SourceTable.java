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
            "id, path, kind, size, mtime, fingerprint, last_scan, state, message, entry_count, skipped, last_change, all_files";

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

    /** A source and its parts, in order. */
    record WithParts(SourceRecord source, List<Part> parts) {
    }

    /**
     * Every source in natural order of path, each with its parts: one statement, so that the counts
     * agree with each other as of one commit.
     */
    static List<WithParts> allWithParts(Connection c) throws SQLException {
        java.util.Map<Integer, WithParts> byId = new java.util.LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s." + COLUMNS.replace(", ", ", s.") + ", p.id, p.ord, p.entry_count"
                     + " FROM sources s LEFT JOIN parts p ON p.source_id = s.id ORDER BY s.id, p.ord")) {
            while (rs.next()) {
                WithParts source = byId.get(rs.getInt(1));
                if (source == null) {
                    source = new WithParts(read(rs), new ArrayList<>());
                    byId.put(source.source().id(), source);
                }
                int part = rs.getInt(14);
                if (!rs.wasNull()) {
                    source.parts().add(new Part(part, rs.getInt(15), rs.getInt(16)));
                }
            }
        }
        List<WithParts> sources = new ArrayList<>(byId.values());
        sources.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.source().path(), b.source().path()));
        return sources;
    }

    static Optional<SourceRecord> find(Connection c, String path) throws SQLException {
        return one(c, "path", ps -> ps.setString(1, path));
    }

    static Optional<SourceRecord> byId(Connection c, int id) throws SQLException {
        return one(c, "id", ps -> ps.setInt(1, id));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The source whose unique {@code column} has the value {@code binder} sets. */
    private static Optional<SourceRecord> one(Connection c, String column, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sources WHERE " + column + " = ?")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** A source not written yet: {@link SourceState#INCOMPLETE}, without entries. */
    static int insert(Connection c, String path, SourceKind kind, boolean allFiles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sources (path, kind, state, all_files) VALUES (?, ?, 'INCOMPLETE', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, path);
            ps.setString(2, kind.name());
            ps.setBoolean(3, allFiles);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getInt(1);
            }
        }
    }

    /**
     * A scan read the source, taking every file or media only ({@code allFiles}); {@code changed}:
     * its entries were written, so it changed now.
     */
    static void recordScan(Connection c, int id, SourceKind kind, boolean allFiles, long size, long mtime,
                           long fingerprint, int entryCount, int skipped, Instant when, boolean changed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sources SET kind = ?, size = ?, mtime = ?, fingerprint = ?, entry_count = ?, skipped = ?,"
                        + " last_scan = ?, last_change = CASE WHEN ? THEN ? ELSE last_change END, state = 'OK',"
                        + " message = NULL, all_files = ? WHERE id = ?")) {
            ps.setString(1, kind.name());
            ps.setLong(2, size);
            ps.setLong(3, mtime);
            ps.setLong(4, fingerprint);
            ps.setInt(5, entryCount);
            ps.setInt(6, skipped);
            ps.setTimestamp(7, Timestamp.from(when));
            ps.setBoolean(8, changed);
            ps.setTimestamp(9, Timestamp.from(when));
            ps.setBoolean(10, allFiles);
            ps.setInt(11, id);
            ps.executeUpdate();
        }
    }

    /** Sources found unchanged: only the time they were last scanned moves. */
    static void recordUnchanged(Connection c, List<Integer> ids, Instant when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sources SET last_scan = ? WHERE id = ?")) {
            for (int id : ids) {
                ps.setTimestamp(1, Timestamp.from(when));
                ps.setInt(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Entries written so far by a first index that commits as it goes. */
    static void recordProgress(Connection c, int id, int entryCount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sources SET entry_count = ? WHERE id = ?")) {
            ps.setInt(1, entryCount);
            ps.setInt(2, id);
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
        return new SourceRecord(
                rs.getInt(1),
                rs.getString(2),
                SourceKind.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(12)),
                SourceState.valueOf(rs.getString(8)),
                rs.getString(9),
                rs.getInt(10),
                rs.getInt(11),
                rs.getBoolean(13));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
