package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import imageserver.source.MimeTypes;
import imageserver.source.ScannedFile;

/** The SQL that writes and reconciles the entries table. Reads for serving live in {@link IndexReader}. */
final class EntryTable {
    private static final int BATCH = 2_000;

    private EntryTable() {
    }

    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM entries")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the index holds for a source, by path; {@code archives} names the archives inside it by id. */
    static Map<String, EntryRow> forSource(Connection c, int sourceId, Map<Integer, String> archives)
            throws SQLException {
        Map<String, EntryRow> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pos, hash_key, path, size, mtime, method, data_offset, compressed_size, crc, archive_id"
                        + " FROM entries WHERE pos BETWEEN ? AND ?")) {
            ps.setLong(1, EntryPos.firstOf(sourceId));
            ps.setLong(2, EntryPos.lastOf(sourceId));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int archiveId = rs.getInt(10);
                    ScannedFile file = new ScannedFile(rs.getString(3), rs.getLong(4), rs.getLong(5),
                            storage(rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                            rs.wasNull() ? null : archives.get(archiveId));
                    rows.put(file.path(), new EntryRow(EntryPos.seq(rs.getLong(1)), rs.getLong(2), file));
                }
            }
        }
        return rows;
    }

    /**
     * Whether the source holds exactly the first {@code count} of {@code rows}, at their places and
     * with their content: what an interrupted first index wrote, if nothing changed since.
     */
    static boolean holdsStartOf(Connection c, int sourceId, List<EntryRow> rows, int count,
                                Map<Integer, String> archives) throws SQLException {
        if (count > rows.size()) {
            return false;
        }
        Map<String, EntryRow> held = forSource(c, sourceId, archives);
        if (held.size() != count) {
            return false;
        }
        for (EntryRow row : rows.subList(0, count)) {
            EntryRow stored = held.get(row.file().path());
            if (stored == null || stored.seq() != row.seq() || !stored.sameFile(row.file())
                    || !stored.sameContent(row.file())) {
                return false;
            }
        }
        return true;
    }

    /** Inserts rows; {@code archives} gives the id of each archive inside the source, by path. */
    static void insert(Connection c, int sourceId, Collection<EntryRow> rows, Map<String, Integer> archives,
                       LookupEdits lookup) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO entries (pos, hash_key, path, mime, size, mtime, method, data_offset,"
                        + " compressed_size, crc, archive_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            batch(ps, rows, row -> {
                ScannedFile f = row.file();
                long pos = EntryPos.of(sourceId, row.seq());
                ps.setLong(1, pos);
                ps.setLong(2, row.hashKey());
                lookup.add(row.hashKey(), pos);
                ps.setString(3, f.path());
                ps.setString(4, MimeTypes.forName(f.path()));
                bindContent(ps, 5, f);
                if (f.archive() == null) {
                    ps.setNull(11, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(11, archives.get(f.archive()));
                }
            });
        }
    }

    /** A kept row's new place and content: it keeps its path, so its hash. */
    record Change(int oldSeq, EntryRow row) {
    }

    /**
     * Rewrites kept rows in place and moves them to their new seq. Moves keep natural order, so
     * rows moving down go in ascending order and rows moving up in descending order: no row ever
     * lands on a key another row still holds.
     */
    static void update(Connection c, int sourceId, List<Change> changes, LookupEdits lookup)
            throws SQLException {
        List<Change> ordered = new ArrayList<>(changes.size());
        changes.stream().filter(ch -> ch.row().seq() <= ch.oldSeq())
                .sorted(Comparator.comparingInt(Change::oldSeq)).forEach(ordered::add);
        changes.stream().filter(ch -> ch.row().seq() > ch.oldSeq())
                .sorted(Comparator.comparingInt(Change::oldSeq).reversed()).forEach(ordered::add);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE entries SET pos = ?, size = ?, mtime = ?, method = ?, data_offset = ?, compressed_size = ?,"
                        + " crc = ? WHERE pos = ?")) {
            // Moves must apply one after another in this order, so no batching across them.
            for (Change change : ordered) {
                ScannedFile f = change.row().file();
                long from = EntryPos.of(sourceId, change.oldSeq());
                long to = EntryPos.of(sourceId, change.row().seq());
                ps.setLong(1, to);
                bindContent(ps, 2, f);
                ps.setLong(8, from);
                ps.executeUpdate();
                lookup.move(change.row().hashKey(), from, to);
            }
        }
    }

    /** Binds size, mtime, method, data_offset, compressed_size, crc from parameter {@code first} on. */
    private static void bindContent(PreparedStatement ps, int first, ScannedFile f) throws SQLException {
        ps.setLong(first, f.size());
        ps.setLong(first + 1, f.mtime());
        ps.setInt(first + 2, f.storage().method());
        ps.setLong(first + 3, f.storage().dataOffset());
        ps.setLong(first + 4, f.storage().compressedSize());
        ps.setLong(first + 5, f.storage().crc());
    }

    static void delete(Connection c, int sourceId, Collection<EntryRow> rows, LookupEdits lookup)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE pos = ?")) {
            batch(ps, rows, row -> {
                long pos = EntryPos.of(sourceId, row.seq());
                ps.setLong(1, pos);
                lookup.remove(row.hashKey(), pos);
            });
        }
    }

    static int deleteSource(Connection c, int sourceId, LookupEdits lookup) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pos, hash_key FROM entries WHERE pos BETWEEN ? AND ?")) {
            ps.setLong(1, EntryPos.firstOf(sourceId));
            ps.setLong(2, EntryPos.lastOf(sourceId));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lookup.remove(rs.getLong(2), rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE pos BETWEEN ? AND ?")) {
            ps.setLong(1, EntryPos.firstOf(sourceId));
            ps.setLong(2, EntryPos.lastOf(sourceId));
            return ps.executeUpdate();
        }
    }

    /** An entry's position, identity (the archive inside its folder that holds it, or null; its path) and stored hash key. */
    record Keyed(long pos, String archive, String path, long hashKey) {
    }

    /** Up to {@code limit} entries after position {@code after}, in order of position. */
    static List<Keyed> keyedAfter(Connection c, long after, int limit) throws SQLException {
        List<Keyed> rows = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT e.pos, a.path, e.path, e.hash_key FROM entries e LEFT JOIN archives a ON a.id = e.archive_id"
                        + " WHERE e.pos > ? ORDER BY e.pos LIMIT ?")) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Keyed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return rows;
    }

    /** Stores new hash keys: pairs of (pos, key). */
    static void updateKeys(Connection c, List<long[]> posAndKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE entries SET hash_key = ? WHERE pos = ?")) {
            batch(ps, posAndKey, row -> {
                ps.setLong(1, row[1]);
                ps.setLong(2, row[0]);
            });
        }
    }

    private interface Binder<T> {
        void bind(T item) throws SQLException;
    }

    private static <T> void batch(PreparedStatement ps, Collection<T> items, Binder<T> binder) throws SQLException {
        int pending = 0;
        for (T item : items) {
            binder.bind(item);
            ps.addBatch();
            if (++pending == BATCH) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }

    static ScannedFile.Storage storage(int method, long dataOffset, long compressedSize, long crc) {
        return method < 0 ? ScannedFile.Storage.NONE : new ScannedFile.Storage(method, dataOffset, compressedSize, crc);
    }
}
