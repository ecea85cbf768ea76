package imageserver.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import imageserver.index.IndexLocation;

/**
 * The databases the index and serve tests run against, each test on an empty index of its own:
 * an H2 file in the test's folder, or a schema of its own in a PostgreSQL database. That database
 * is {@value #VARIABLE}'s, by default the one {@code .ci/run} creates; when none is reachable, the
 * PostgreSQL runs are skipped with a message, except under CI ({@code CI=true}), where they fail.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    public static final String VARIABLE = "IMAGE_SERVER_TEST_POSTGRES";
    private static final String DEFAULT_URL =
            "jdbc:postgresql://localhost:5432/imageserver_test?user=imageserver_test&password=imageserver_test";
    private static final String SCHEMA_PREFIX = "test_";

    /**
     * The index of the test that owns {@code folder} (a {@code @TempDir}), empty at the first call:
     * the H2 file {@code db/index} in it, or a schema named after it.
     */
    public IndexLocation index(Path folder) {
        if (this == H2) {
            return IndexLocation.H2File.at(folder.resolve("db/index"));
        }
        Server.assumeReachable();
        String server = Server.URL;
        String schema = SCHEMA_PREFIX + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(folder.toAbsolutePath().toString().hashCode());
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema in " + server + ": " + e.getMessage(), e);
        }
        return IndexLocation.parse(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    /** The test server, found (and cleared of schemas that earlier runs left) once per JVM. */
    private static final class Server {
        static final String URL = System.getenv().getOrDefault(VARIABLE, DEFAULT_URL);
        static final String PROBLEM = prepare();

        static void assumeReachable() {
            if (PROBLEM != null) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("CI runs every test on PostgreSQL too, and " + PROBLEM);
                }
                Assumptions.abort("no PostgreSQL server for the tests: " + PROBLEM + " (set " + VARIABLE
                        + " to a jdbc:postgresql URL, or run .ci/run, which installs one)");
            }
        }

        /** Null when reachable, else why not. */
        private static String prepare() {
            try (Connection c = DriverManager.getConnection(URL)) {
                dropLeftovers(c);
                return null;
            } catch (SQLException e) {
                return IndexLocation.parse(URL).describe() + " cannot be reached: " + e.getMessage();
            }
        }

        private static void dropLeftovers(Connection c) throws SQLException {
            List<String> leftovers = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '"
                         + SCHEMA_PREFIX + "%'")) {
                while (rs.next()) {
                    leftovers.add(rs.getString(1));
                }
            }
            for (String schema : leftovers) {
                String pid = schema.substring(SCHEMA_PREFIX.length()).split("_")[0];
                boolean alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    try (Statement st = c.createStatement()) {
                        st.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                }
            }
        }
    }
}
