package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import imageserver.source.ArchiveStamp;
import imageserver.source.NestedArchive;

/** The SQL of the archives table: the archives inside folder sources. */
final class ArchiveTable {

    private ArchiveTable() {
    }

    /** An archive the index holds, with the size and time it had when its entries were read. */
    record Stored(int id, String path, ArchiveStamp stamp, int skipped) {
    }

    /** The archives of a folder source, by path inside it. */
    static Map<String, Stored> forSource(Connection c, int sourceId) throws SQLException {
        Map<String, Stored> archives = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, path, size, mtime, skipped FROM archives WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    archives.put(rs.getString(2), new Stored(rs.getInt(1), rs.getString(2),
                            new ArchiveStamp(rs.getLong(3), rs.getLong(4)), rs.getInt(5)));
                }
            }
        }
        return archives;
    }

    static Map<String, ArchiveStamp> stamps(Map<String, Stored> stored) {
        Map<String, ArchiveStamp> stamps = new HashMap<>();
        stored.forEach((path, archive) -> stamps.put(path, archive.stamp()));
        return stamps;
    }

    static Map<Integer, String> pathsById(Map<String, Stored> stored) {
        Map<Integer, String> paths = new HashMap<>();
        stored.values().forEach(archive -> paths.put(archive.id(), archive.path()));
        return paths;
    }

    /**
     * Brings a folder's archives in line with a scan: archives read are written with their new
     * size, time and counts, those kept stay as they are, the others go. Returns the id of every
     * archive the folder now holds, by path.
     */
    static Map<String, Integer> record(Connection c, int sourceId, List<NestedArchive> scanned,
                                       Map<String, Stored> stored, Map<String, Integer> entryCounts)
            throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        Set<String> gone = new HashSet<>(stored.keySet());
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE archives SET size = ?, mtime = ?, entry_count = ?, skipped = ? WHERE id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO archives (source_id, path, size, mtime, entry_count, skipped) VALUES (?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            for (NestedArchive archive : scanned) {
                Stored old = stored.get(archive.path());
                if (archive.keepsIndexedEntries()) {
                    if (old != null) {
                        gone.remove(archive.path());
                        ids.put(archive.path(), old.id());
                    }
                    continue;
                }
                int entries = entryCounts.getOrDefault(archive.path(), 0);
                if (old != null) {
                    gone.remove(archive.path());
                    update.setLong(1, archive.stamp().size());
                    update.setLong(2, archive.stamp().mtime());
                    update.setInt(3, entries);
                    update.setInt(4, archive.skipped());
                    update.setInt(5, old.id());
                    update.executeUpdate();
                    ids.put(archive.path(), old.id());
                } else {
                    insert.setInt(1, sourceId);
                    insert.setString(2, archive.path());
                    insert.setLong(3, archive.stamp().size());
                    insert.setLong(4, archive.stamp().mtime());
                    insert.setInt(5, entries);
                    insert.setInt(6, archive.skipped());
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        ids.put(archive.path(), keys.getInt(1));
                    }
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM archives WHERE id = ?")) {
            for (String path : gone) {
                delete.setInt(1, stored.get(path).id());
                delete.executeUpdate();
            }
        }
        return ids;
    }

    static void deleteSource(Connection c, int sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM archives WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            ps.executeUpdate();
        }
    }
}
