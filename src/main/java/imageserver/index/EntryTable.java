package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import imageserver.source.ScannedFile;

/** The SQL that writes and reconciles the entries table. Reads for serving live in {@link IndexReader}. */
final class EntryTable {
    private static final int BATCH = 2_000;

    private EntryTable() {
    }

    /** What the index holds for a source, by path. */
    static Map<String, EntryRow> forSource(Connection c, int sourceId) throws SQLException {
        Map<String, EntryRow> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, seq, hash_key, path, size, mtime, method, data_offset, compressed_size, crc"
                        + " FROM entries WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ScannedFile file = new ScannedFile(rs.getString(4), rs.getLong(5), rs.getLong(6),
                            storage(rs.getInt(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                    rows.put(file.path(), new EntryRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), file));
                }
            }
        }
        return rows;
    }

    static void insert(Connection c, int sourceId, Collection<EntryRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO entries (source_id, seq, hash_key, path, mime, size, mtime, method, data_offset,"
                        + " compressed_size, crc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (EntryRow row : rows) {
                ScannedFile f = row.file();
                ps.setInt(1, sourceId);
                ps.setInt(2, row.seq());
                ps.setLong(3, row.hashKey());
                ps.setString(4, f.path());
                ps.setString(5, MimeTypes.forName(f.path()));
                ps.setLong(6, f.size());
                ps.setLong(7, f.mtime());
                ps.setInt(8, f.storage().method());
                ps.setLong(9, f.storage().dataOffset());
                ps.setLong(10, f.storage().compressedSize());
                ps.setLong(11, f.storage().crc());
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
    }

    /** Rewrites position and content fields of rows that keep their path (and so their hash). */
    static void update(Connection c, Collection<EntryRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE entries SET seq = ?, size = ?, mtime = ?, method = ?, data_offset = ?, compressed_size = ?,"
                        + " crc = ? WHERE id = ?")) {
            int pending = 0;
            for (EntryRow row : rows) {
                ScannedFile f = row.file();
                ps.setInt(1, row.seq());
                ps.setLong(2, f.size());
                ps.setLong(3, f.mtime());
                ps.setInt(4, f.storage().method());
                ps.setLong(5, f.storage().dataOffset());
                ps.setLong(6, f.storage().compressedSize());
                ps.setLong(7, f.storage().crc());
                ps.setLong(8, row.id());
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
    }

    static void delete(Connection c, Collection<EntryRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE id = ?")) {
            int pending = 0;
            for (EntryRow row : rows) {
                ps.setLong(1, row.id());
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
    }

    static int deleteSource(Connection c, int sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            return ps.executeUpdate();
        }
    }

    /** Recomputes every entry's hash key under a new salt, from what the index holds. */
    static long rehash(Connection c, String salt) throws SQLException {
        EntryHasher hasher = new EntryHasher(salt);
        long count = 0;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT e.id, s.path, e.path FROM entries e JOIN sources s ON s.id = e.source_id");
             PreparedStatement update = c.prepareStatement("UPDATE entries SET hash_key = ? WHERE id = ?")) {
            select.setFetchSize(10_000);
            try (ResultSet rs = select.executeQuery()) {
                int pending = 0;
                while (rs.next()) {
                    update.setLong(1, hasher.key(rs.getString(2), rs.getString(3)));
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    count++;
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
        return count;
    }

    static ScannedFile.Storage storage(int method, long dataOffset, long compressedSize, long crc) {
        return method < 0 ? ScannedFile.Storage.NONE : new ScannedFile.Storage(method, dataOffset, compressedSize, crc);
    }
}
