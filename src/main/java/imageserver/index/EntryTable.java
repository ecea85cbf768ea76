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
        forEachRow(c, sourceId, archives, row -> rows.put(row.file().path(), row));
        return rows;
    }

    interface RowConsumer {
        void accept(EntryRow row) throws SQLException;
    }

    /** A source's rows in natural order: its parts in order, each part's rows by seq. */
    static void forEachRow(Connection c, int sourceId, Map<Integer, String> archives, RowConsumer consumer)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pos, hash_key, path, size, mtime, method, data_offset, compressed_size, crc, archive_id"
                        + " FROM entries WHERE pos BETWEEN ? AND ? ORDER BY pos")) {
            ps.setFetchSize(10_000);
            for (Part part : PartTable.forSource(c, sourceId)) {
                ps.setLong(1, EntryPos.firstOf(part.id()));
                ps.setLong(2, EntryPos.lastOf(part.id()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int archiveId = rs.getInt(10);
                        ScannedFile file = new ScannedFile(rs.getString(3), rs.getLong(4), rs.getLong(5),
                                storage(rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                                rs.wasNull() ? null : archives.get(archiveId));
                        consumer.accept(new EntryRow(rs.getLong(1), rs.getLong(2), file));
                    }
                }
            }
        }
    }

    /**
     * Whether the source holds exactly the first {@code count} of {@code rows}, in their order and
     * with their content: what an interrupted first index wrote, if nothing changed since.
     */
    static boolean holdsStartOf(Connection c, int sourceId, List<EntryRow> rows, int count,
                                Map<Integer, String> archives) throws SQLException {
        if (count > rows.size()) {
            return false;
        }
        int[] seen = new int[1];
        boolean[] same = {true};
        forEachRow(c, sourceId, archives, stored -> {
            int i = seen[0]++;
            if (i >= count || !stored.sameFile(rows.get(i).file()) || !stored.sameContent(rows.get(i).file())) {
                same[0] = false;
            }
        });
        return same[0] && seen[0] == count;
    }

    /** Inserts placed rows; {@code archives} gives the id of each archive inside the source, by path. */
    static void insert(Connection c, Collection<EntryRow> rows, Map<String, Integer> archives,
                       LookupEdits lookup) throws SQLException {
        if (Dialect.of(c) == Dialect.POSTGRESQL) {
            EntryCopy.insert(c, rows, archives, lookup);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO entries (pos, hash_key, path, mime, size, mtime, method, data_offset,"
                        + " compressed_size, crc, archive_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            batch(ps, rows, row -> {
                ScannedFile f = row.file();
                ps.setLong(1, row.pos());
                ps.setLong(2, row.hashKey());
                lookup.add(row.hashKey(), row.pos());
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
    record Change(long oldPos, EntryRow row) {
        boolean movesWithinPart() {
            return EntryPos.partId(oldPos) == EntryPos.partId(row.pos());
        }
    }

    /**
     * Rewrites kept rows in place and moves them to their new positions. Rows moving to another
     * part go first (to a new part, whose keys are free); moves within a part keep natural order,
     * so rows moving down go in ascending order and rows moving up in descending order: no row
     * ever lands on a key another row still holds.
     */
    static void update(Connection c, List<Change> changes, LookupEdits lookup) throws SQLException {
        List<Change> ordered = new ArrayList<>(changes.size());
        changes.stream().filter(ch -> !ch.movesWithinPart()).forEach(ordered::add);
        changes.stream().filter(ch -> ch.movesWithinPart() && ch.row().pos() <= ch.oldPos())
                .sorted(Comparator.comparingLong(Change::oldPos)).forEach(ordered::add);
        changes.stream().filter(ch -> ch.movesWithinPart() && ch.row().pos() > ch.oldPos())
                .sorted(Comparator.comparingLong(Change::oldPos).reversed()).forEach(ordered::add);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE entries SET pos = ?, size = ?, mtime = ?, method = ?, data_offset = ?, compressed_size = ?,"
                        + " crc = ? WHERE pos = ?")) {
            // Moves must apply one after another in this order, so no batching across them.
            for (Change change : ordered) {
                ScannedFile f = change.row().file();
                ps.setLong(1, change.row().pos());
                bindContent(ps, 2, f);
                ps.setLong(8, change.oldPos());
                ps.executeUpdate();
                lookup.move(change.row().hashKey(), change.oldPos(), change.row().pos());
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

    static void delete(Connection c, Collection<EntryRow> rows, LookupEdits lookup) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE pos = ?")) {
            batch(ps, rows, row -> {
                ps.setLong(1, row.pos());
                lookup.remove(row.hashKey(), row.pos());
            });
        }
    }

    /** Deletes a source's entries and its parts. */
    static int deleteSource(Connection c, int sourceId, LookupEdits lookup) throws SQLException {
        forEachRow(c, sourceId, Map.of(), row -> lookup.remove(row.hashKey(), row.pos()));
        int deleted = 0;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM entries WHERE pos BETWEEN ? AND ?")) {
            for (Part part : PartTable.forSource(c, sourceId)) {
                delete.setLong(1, EntryPos.firstOf(part.id()));
                delete.setLong(2, EntryPos.lastOf(part.id()));
                deleted += delete.executeUpdate();
            }
        }
        PartTable.deleteSource(c, sourceId);
        return deleted;
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
