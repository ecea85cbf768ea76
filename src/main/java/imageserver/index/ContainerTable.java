package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the containers table: the folders and archives of each source ({@link ContainerPlan}). */
final class ContainerTable {
    private static final String COLUMNS = "path, parent, kind, hash_key, first_rank, entry_count, files, files_before";

    private ContainerTable() {
    }

    /** A source's containers from now on, replacing those it had. */
    static void replace(Connection c, int sourceId, List<Container> containers) throws SQLException {
        deleteSource(c, sourceId);
        write(c, sourceId, containers, "INSERT INTO containers (source_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Writes these containers of a source, over any it has at the same paths (a first index, chunk by chunk). */
    static void merge(Connection c, int sourceId, List<Container> containers) throws SQLException {
        write(c, sourceId, containers, Dialect.of(c).upsert("containers", "source_id, path", "source_id, " + COLUMNS));
    }

    private static void write(Connection c, int sourceId, List<Container> containers, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Container k : containers) {
                ps.setInt(1, sourceId);
                ps.setString(2, k.path());
                ps.setString(3, k.parent());
                ps.setString(4, k.kind().name());
                ps.setLong(5, k.hashKey());
                ps.setInt(6, k.firstRank());
                ps.setInt(7, k.entryCount());
                ps.setInt(8, k.files());
                ps.setInt(9, k.filesBefore());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void deleteSource(Connection c, int sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM containers WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            ps.executeUpdate();
        }
    }

    /**
     * Computes every source's containers again from its entries, with the stored salt: after a
     * new salt, or for an index older than the table. Commits source by source.
     */
    static void rebuildAll(Connection c) throws SQLException {
        EntryHasher hasher = new EntryHasher(Settings.get(c, Settings.SALT).orElse(""));
        for (SourceTable.WithParts source : SourceTable.allWithParts(c)) {
            int id = source.source().id();
            ContainerPlan plan = new ContainerPlan(source.source().path(), source.source().kind(), hasher);
            Settings.lockWriters(c);
            EntryTable.forEachRow(c, id, ArchiveTable.pathsById(ArchiveTable.forSource(c, id)), row -> plan.add(row.file()));
            plan.finish();
            replace(c, id, plan.drainClosed());
            c.commit();
        }
    }

    /** A container found by a read, with its source's id. */
    record Found(int sourceId, Container container) {
    }

    static final String BY_HASH = "SELECT source_id, " + COLUMNS + " FROM containers WHERE hash_key = ?";
    /** The sub-folders and archives of a container from a rank on, in natural order. */
    static final String CHILDREN_FROM = "SELECT source_id, " + COLUMNS + " FROM containers"
            + " WHERE source_id = ? AND parent = ? AND first_rank >= ? ORDER BY first_rank";
    /** The last sub-folder or archive of a container that starts at or before a rank. */
    static final String CHILD_BEFORE = "SELECT source_id, " + COLUMNS + " FROM containers"
            + " WHERE source_id = ? AND parent = ? AND first_rank <= ? ORDER BY first_rank DESC LIMIT 1";
    /** The last sub-folder or archive of a container with at most so many of its files before it. */
    static final String CHILD_AFTER_FILES = "SELECT source_id, " + COLUMNS + " FROM containers"
            + " WHERE source_id = ? AND parent = ? AND files_before <= ? ORDER BY first_rank DESC LIMIT 1";

    static Optional<Found> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    static List<Found> all(PreparedStatement ps) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(read(rs));
            }
        }
        return found;
    }

    static Found read(ResultSet rs) throws SQLException {
        return new Found(rs.getInt(1), new Container(rs.getString(2), rs.getString(3),
                Container.Kind.valueOf(rs.getString(4)), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                rs.getInt(9)));
    }
}
