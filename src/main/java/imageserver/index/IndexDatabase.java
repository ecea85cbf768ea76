package imageserver.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The H2 database file that holds the index. Opening it migrates the schema with Flyway from
 * {@code db/migration} (packaged in the jar). Several processes may open the same file at once:
 * the first serves it to the others over a loopback-only socket (H2's AUTO_SERVER).
 */
public final class IndexDatabase implements AutoCloseable {
    private static final String SUFFIX = ".mv.db";

    /** A file rewritten without its free space: its sizes in bytes, and how long that took. */
    public record Compaction(long bytesBefore, long bytesAfter, Duration took) {
    }

    private final Path file;
    private final String url;
    private final JdbcConnectionPool pool;
    /**
     * Readers of this index, whose pooled sessions closing it closes: H2 keeps a database open,
     * with its lock file and the thread that rewrites it, while any connection is, and a pool's
     * dispose closes only the connections returned to it.
     */
    private final Set<IndexReader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private IndexDatabase(Path file, String url, JdbcConnectionPool pool) {
        this.file = file;
        this.url = url;
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
        // H2's cache of shared values is no use for rows written once, and slows bulk loads. Read
        // when H2's first class loads, which this precedes. Why these settings:
        // docs/decisions/0009-h2-settings.md.
        System.setProperty("h2.objectCache", "false");
        String base = file.toString().substring(0, file.toString().length() - SUFFIX.length());
        String url = "jdbc:h2:file:" + base
                + ";AUTO_SERVER=TRUE"
                // Old chunks are not kept: the file stays small. This guards against power loss less,
                // not against a killed process (the OS still writes what was handed to it).
                + ";RETENTION_TIME=0"
                // No compaction pass at close, which each command would pay: free space is reused
                // while the file is open, and compacting is asked for explicitly.
                + ";MAX_COMPACT_TIME=0"
                // A small page cache: a random pick at millions of entries rarely finds its page cached,
                // and a larger cache's pages lived long enough to fill serve's old generation.
                + ";CACHE_SIZE=1024";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
        pool.setMaxConnections(256);
        try {
            Schema.migrate(pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IndexException("cannot open the index " + file + ": " + openFailure(e), e);
        }
        return new IndexDatabase(file, url, pool);
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
     * Whether the lookup by hash lags the entries: a bulk load or a new salt is being applied, or
     * was killed midway, or the index predates the lookup table.
     */
    public boolean lookupIsStale() throws IndexException {
        try (Connection c = connection()) {
            return LookupRebuild.isStale(c);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + file + ": " + rootMessage(e), e);
        }
    }

    /**
     * Rebuilds a {@linkplain #lookupIsStale stale} lookup by hash (the next {@code index} run
     * would do it too).
     *
     * @return whether it had to
     */
    public boolean repairLookup() throws IndexException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            return LookupRebuild.repairIfStale(c, file.getParent());
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + file + ": " + rootMessage(e), e);
        }
    }

    public Connection connection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (IllegalStateException e) {  // the pool's way of saying it was disposed, which says nothing more
            throw new SQLException("the index " + file + " is closed");
        }
    }

    /**
     * Closes the index, first rewriting its file without its free space unless another process
     * (serve) shares it: compacting closes the database for everyone. H2 appends changed pages
     * and reuses the space they leave, but never shrinks the file, so callers ask for this after
     * rewriting or deleting most rows, which leaves most of the file free. (The store's own fill
     * statistics lag until the file is closed, so they cannot tell when it is worth it.)
     *
     * @return what the compaction did, if it ran
     */
    public Optional<Compaction> closeCompactingUnlessShared() throws IndexException {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        long start = System.nanoTime();
        try (Connection c = source.getConnection()) {
            // The pool's connections and the readers' are sessions too; without them, one session means "alone".
            close();
            if (sessions(c) > 1) {
                return Optional.empty();
            }
            long before = Files.size(file);
            try (Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
            return Optional.of(new Compaction(before, Files.size(file), Duration.ofNanos(System.nanoTime() - start)));
        } catch (SQLException | java.io.IOException e) {
            throw new IndexException("cannot compact the index " + file + ": " + rootMessage(e), e);
        }
    }

    private static long sessions(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Called by each new reader: it lives as long as this index, which closes its sessions. */
    void register(IndexReader reader) {
        readers.add(reader);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        readers.forEach(IndexReader::close);
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
