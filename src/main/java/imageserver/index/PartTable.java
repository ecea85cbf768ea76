package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** The SQL of the parts table: how a source's entries are numbered ({@link PartPlan}). */
final class PartTable {
    private static final String LAST_ID = "last_part";

    private PartTable() {
    }

    /** A source's parts, in order. */
    static List<Part> forSource(Connection c, int sourceId) throws SQLException {
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, ord, entry_count FROM parts WHERE source_id = ? ORDER BY ord")) {
            ps.setInt(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(new Part(rs.getInt(1), rs.getInt(2), rs.getInt(3)));
                }
            }
        }
        return parts;
    }

    /** Makes {@code parts} all the parts of the source. */
    static void replace(Connection c, int sourceId, List<Part> parts) throws SQLException {
        deleteSource(c, sourceId);
        write(c, sourceId, parts);
    }

    /** Writes these parts of the source, new or changed; its others stay. */
    static void write(Connection c, int sourceId, List<Part> parts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                Dialect.of(c).upsert("parts", "id", "id, source_id, ord, entry_count"))) {
            for (Part part : parts) {
                ps.setInt(1, part.id());
                ps.setInt(2, sourceId);
                ps.setInt(3, part.ord());
                ps.setInt(4, part.entryCount());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void deleteSource(Connection c, int sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM parts WHERE source_id = ?")) {
            ps.setInt(1, sourceId);
            ps.executeUpdate();
        }
    }

    /**
     * Ids for new parts, never given out before, so that no stale position can name one; read and
     * saved in the caller's transaction, which holds the writers' lock.
     */
    static final class Ids implements IntSupplier {
        private int last;

        private Ids(int last) {
            this.last = last;
        }

        static Ids read(Connection c) throws SQLException {
            return new Ids(Integer.parseInt(Settings.get(c, LAST_ID).orElse("0")));
        }

        @Override
        public int getAsInt() {
            return ++last;
        }

        void save(Connection c) throws SQLException {
            Settings.put(c, LAST_ID, Integer.toString(last));
        }
    }
}
