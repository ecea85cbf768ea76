package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A connection with the reader's statements prepared once. Preparing them per request (H2
 * parses the SQL again on a pooled connection) showed in every profile of the data route.
 */
final class ReadSession implements AutoCloseable {
    /** An entry and the archive inside its folder that holds it, if any (columns 10 to 12, else NULL). */
    static final String ENTRY_BY_POS = "SELECT e.pos, e.path, e.mime, e.size, e.mtime, e.method, e.data_offset,"
            + " e.compressed_size, e.crc, a.path, a.size, a.mtime"
            + " FROM entries e LEFT JOIN archives a ON a.id = e.archive_id WHERE e.pos = ?";

    final Connection connection;
    final PreparedStatement bucket;
    final PreparedStatement byPos;
    private final PreparedStatement generation;
    private EntryHasher hasher;
    /** The statements of reads that are not on every request's path, prepared at their first use. */
    private final java.util.Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

    ReadSession(Connection connection) throws SQLException {
        this.connection = connection;
        this.bucket = connection.prepareStatement(HashBuckets.SELECT_BUCKET);
        this.byPos = connection.prepareStatement(ENTRY_BY_POS);
        this.generation = connection.prepareStatement(Settings.SELECT_VALUE);
        generation.setString(1, Settings.GENERATION);
    }

    /** A hasher for this salt, kept with the session: creating a MessageDigest per request shows in profiles. */
    EntryHasher hasher(String salt) {
        if (hasher == null || !hasher.salt().equals(salt)) {
            hasher = new EntryHasher(salt);
        }
        return hasher;
    }

    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    long generation() throws SQLException {
        try (ResultSet rs = generation.executeQuery()) {
            return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        // At JVM exit H2's own hook closes the database (it cannot be turned off with
        // AUTO_SERVER) while the last requests finish; returning a connection of a closed
        // database would roll it back and log a "Database is already closed" stack trace to
        // index.trace.db.
        if (!connection.isClosed()) {
            connection.close();
        }
    }
}
