package imageserver.index;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Brings the index to the schema of {@code db/migration} with Flyway, with the scripts whose SQL
 * differs between H2 and PostgreSQL in {@code db/h2} and {@code db/postgresql}. An index already at the
 * newest version is recognised with one query, so opening it does not pay for Flyway's
 * classpath scan and validation at every start (docs/decisions/0006-start-up.md).
 */
final class Schema {
    /** The version of the newest migration in db/migration; SchemaTest keeps the two in step. */
    static final String CURRENT_VERSION = "8";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private Schema() {
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        if (!isCurrent(dataSource)) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", dialect.migrations())
                    .load()
                    .migrate();
        }
    }

    static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            // Asking for a missing table would leave an error in H2's trace file.
            try (ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), HISTORY_TABLE, null)) {
                if (!tables.next()) {
                    return false;
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"" + HISTORY_TABLE + "\""
                         + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1")) {
                return rs.next() && CURRENT_VERSION.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            // No history yet (a new index) or an unreadable file: let Flyway create it or explain.
            return false;
        }
    }
}
