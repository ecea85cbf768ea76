package imageserver.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;

/** The SQL that H2 and PostgreSQL spell differently, in one place; the rest of the index's SQL is common. */
enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class) ? POSTGRESQL : H2;
    }

    /** Where Flyway finds the migrations this database runs, besides the common {@code db/migration}. */
    String migrations() {
        return this == H2 ? "classpath:db/h2" : "classpath:db/postgresql";
    }

    /**
     * An insert that replaces the row with the same {@code keys}, binding {@code columns} in order
     * (the keys among them).
     */
    String upsert(String table, String keys, String columns) {
        String values = Arrays.stream(columns.split(",")).map(c -> "?").collect(Collectors.joining(", "));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + keys + ") VALUES (" + values + ")";
        }
        java.util.Set<String> keySet = Arrays.stream(keys.split(",")).map(String::trim).collect(Collectors.toSet());
        String updates = Arrays.stream(columns.split(",")).map(String::trim).filter(c -> !keySet.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + keys + ")"
                + (updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + updates);
    }

    /** How long this connection's statements wait for a row another transaction holds locked. */
    void lockTimeout(Connection c, Duration timeout) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(this == H2 ? "SET LOCK_TIMEOUT " + timeout.toMillis()
                    : "SET lock_timeout = " + timeout.toMillis());
        }
    }
}
