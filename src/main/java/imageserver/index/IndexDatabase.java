package imageserver.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 database file that holds the index. Opening it migrates the schema with Flyway from
 * {@code db/migration} (packaged in the jar). Several processes may open the same file at once:
 * the first serves it to the others over a loopback-only socket (H2's AUTO_SERVER).
 */
public final class IndexDatabase implements AutoCloseable {
    private static final String SUFFIX = ".mv.db";

    private final Path file;
    private final JdbcConnectionPool pool;

    private IndexDatabase(Path file, JdbcConnectionPool pool) {
        this.file = file;
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) the index at {@code location}, which may name the file with or
     * without its {@code .mv.db} suffix.
     */
    public static IndexDatabase open(Path location) throws IndexException {
        Path file = fileOf(location);
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new IndexException("cannot create the folder of the index " + file + ": " + e.getMessage(), e);
        }
        // The auto-server that lets a second process share the file must listen on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        String base = file.toString().substring(0, file.toString().length() - SUFFIX.length());
        String url = "jdbc:h2:file:" + base
                + ";AUTO_SERVER=TRUE"
                // Old chunks are not kept: the file stays small. This guards against power loss less,
                // not against a killed process (the OS still writes what was handed to it).
                + ";RETENTION_TIME=0"
                // No compaction pass at close: it cost 1.1 s per command on a 10M-entry index, and
                // free space is reused (and compacted in the background) while the file is open.
                + ";MAX_COMPACT_TIME=0"
                + ";CACHE_SIZE=16384";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
        pool.setMaxConnections(256);
        try {
            Schema.migrate(pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IndexException("cannot open the index " + file + ": " + openFailure(e), e);
        }
        return new IndexDatabase(file, pool);
    }

    public static Path fileOf(Path location) {
        Path absolute = location.toAbsolutePath().normalize();
        return absolute.toString().endsWith(SUFFIX) ? absolute
                : absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    public Path file() {
        return file;
    }

    /**
     * Whether lookups by hash have their index. An {@code index} run killed during a bulk load
     * leaves it out (the next run, or {@link #buildLookupIndex}, puts it back).
     */
    public boolean hasLookupIndex() throws IndexException {
        try (Connection c = connection()) {
            return EntryTable.hasHashIndex(c);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + file + ": " + rootMessage(e), e);
        }
    }

    public void buildLookupIndex() throws IndexException {
        try (Connection c = connection()) {
            EntryTable.ensureHashIndex(c);
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + file + ": " + rootMessage(e), e);
        }
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private static String openFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean alreadyOpen = t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1;
            if (alreadyOpen || String.valueOf(t.getMessage()).startsWith("The file is locked")) {
                // image-server processes share the file; only another program can hold it like this.
                return "another program has it open and locked (an H2 tool or console?); close that program and try again";
            }
        }
        return rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // H2 appends the SQL state and its version to every message; users need the sentence.
        int bracket = message.indexOf(" [");
        return bracket > 0 ? message.substring(0, bracket) : message;
    }
}
