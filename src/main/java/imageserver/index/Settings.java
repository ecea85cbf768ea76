package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Named values of the index: its salt, and a generation counter bumped by every change. */
final class Settings {
    static final String SALT = "salt";
    static final String GENERATION = "generation";
    /** When the last index run completed, an ISO 8601 instant. */
    static final String LAST_COMPLETE_SCAN = "last_complete_scan";
    /** The process id of the index run writing now; left behind by a killed run, whose process is gone. */
    static final String INDEXING = "indexing";
    static final String SELECT_VALUE = "SELECT val FROM settings WHERE name = ?";

    private Settings() {
    }

    static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_VALUE)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void put(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Dialect.of(c).upsert("settings", "name", "name, val"))) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM settings WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /**
     * Makes the caller's transaction the only one writing entries, in any process, until it ends
     * (the generation's row stays locked): two writers reconciling one source from what each read
     * before the other committed would move or delete each other's rows.
     */
    static void lockWriters(Connection c) throws SQLException {
        if (get(c, GENERATION).isEmpty()) {
            put(c, GENERATION, "0");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM settings WHERE name = ? FOR UPDATE")) {
            ps.setString(1, GENERATION);
            ps.executeQuery().close();
        }
    }

    /**
     * Lets this connection wait for the writers' lock as long as another process may hold it: a
     * transaction of another index run (a large folder's changes) can take minutes.
     */
    static void waitForOtherWriters(Connection c) throws SQLException {
        Dialect.of(c).lockTimeout(c, WRITERS_LOCK_TIMEOUT);
    }

    private static final java.time.Duration WRITERS_LOCK_TIMEOUT = java.time.Duration.ofMinutes(10);

    /** Marks the index as changed, in the caller's transaction, so a running server reloads. */
    static void bumpGeneration(Connection c) throws SQLException {
        long next = get(c, GENERATION).map(Long::parseLong).orElse(0L) + 1;
        put(c, GENERATION, Long.toString(next));
    }
}
