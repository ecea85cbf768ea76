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

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The database that holds the index: an H2 file (the default), or a PostgreSQL database that
 * several machines share ({@link IndexLocation}). Opening it migrates the schema with Flyway from
 * {@code db/migration} and the database's own folder (packaged in the jar). Several processes may
 * open the same H2 file at once: the first serves it to the others over a loopback-only socket
 * (H2's AUTO_SERVER); a PostgreSQL server is shared the way servers are.
 */
public final class IndexDatabase implements AutoCloseable {
    /** Connections to a PostgreSQL server per process (each is a process on the server, which allows 100 by default). */
    private static final int SERVER_CONNECTIONS = 20;

    /** A file rewritten without its free space: its sizes in bytes, and how long that took. */
    public record Compaction(long bytesBefore, long bytesAfter, Duration took) {
    }

    private final IndexLocation location;
    private final DataSource pool;
    private final Runnable closePool;
    /**
     * Readers of this index, whose pooled sessions closing it closes: H2 keeps a database open,
     * with its lock file and the thread that rewrites it, while any connection is, and a pool's
     * dispose closes only the connections returned to it.
     */
    private final Set<IndexReader> openReaders = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private IndexDatabase(IndexLocation location, DataSource pool, Runnable closePool) {
        this.location = location;
        this.pool = pool;
        this.closePool = closePool;
    }

    /**
     * Opens (creating if needed) the H2 index at {@code location}, which may name the file with or
     * without its {@code .mv.db} suffix.
     */
    public static IndexDatabase open(Path location) throws IndexException {
        return open(IndexLocation.H2File.at(location));
    }

    /** Opens (creating its tables if needed) the index at {@code location}. */
    public static IndexDatabase open(IndexLocation location) throws IndexException {
        return switch (location) {
            case IndexLocation.H2File h2 -> openFile(h2);
            case IndexLocation.Postgres server -> openServer(server);
        };
    }

    private static IndexDatabase openFile(IndexLocation.H2File location) throws IndexException {
        Path file = location.file();
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
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2Url(location), "", "");
        pool.setMaxConnections(256);
        try {
            Schema.migrate(pool, Dialect.H2);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IndexException("cannot open the index " + file + ": " + openFailure(e), e);
        }
        return new IndexDatabase(location, pool, pool::dispose);
    }

    private static String h2Url(IndexLocation.H2File location) {
        return "jdbc:h2:file:" + location.base()
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
    }

    private static IndexDatabase openServer(IndexLocation.Postgres location) throws IndexException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("index");
        config.setJdbcUrl(location.url());
        if (location.passwordInUrl().isEmpty()) {
            String password = System.getenv("PGPASSWORD");
            if (password != null && !password.isEmpty()) {
                config.setPassword(password);
            }
        }
        config.setMaximumPoolSize(SERVER_CONNECTIONS);
        config.setMinimumIdle(2);
        // While the server is away, a request waits this long for a connection before it is told so (503).
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.addDataSourceProperty("ApplicationName", "image-server");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IndexException("cannot reach the index " + location.describe() + ": " + rootMessage(e), e);
        }
        try {
            Schema.migrate(pool, Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            pool.close();
            throw new IndexException("cannot open the index " + location.describe() + ": " + rootMessage(e), e);
        }
        return new IndexDatabase(location, pool, pool::close);
    }

    public IndexLocation location() {
        return location;
    }

    /** The index as users may be shown it: the file, or the server's URL without its password. */
    public String name() {
        return location.describe();
    }

    /** The folder holding the index file; empty for an index on a server. */
    public Optional<Path> folder() {
        return location instanceof IndexLocation.H2File h2 ? Optional.of(h2.file().getParent()) : Optional.empty();
    }

    /** Where a rebuild of the lookup may spill to disk: beside the file, else the temporary folder. */
    Path workFolder() {
        return folder().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Whether the index is an H2 file (else a database on a server). */
    boolean isFile() {
        return location instanceof IndexLocation.H2File;
    }

    /**
     * Whether the lookup by hash lags the entries: a bulk load or a new salt is being applied, or
     * was killed midway, or the index predates the lookup table.
     */
    public boolean lookupIsStale() throws IndexException {
        try (Connection c = connection()) {
            return LookupRebuild.isStale(c);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + name() + ": " + rootMessage(e), e);
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
            return LookupRebuild.repairIfStale(c, workFolder());
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + name() + ": " + rootMessage(e), e);
        }
    }

    public Connection connection() throws SQLException {
        try {
            return pool.getConnection();
        } catch (IllegalStateException e) {  // the pool's way of saying it was disposed, which says nothing more
            throw new SQLException("the index " + name() + " is closed");
        }
    }

    /**
     * Closes the index, first rewriting its file without its free space unless another process
     * (serve) shares it: compacting closes the database for everyone. H2 appends changed pages
     * and reuses the space they leave, but never shrinks the file, so callers ask for this after
     * rewriting or deleting most rows, which leaves most of the file free. (The store's own fill
     * statistics lag until the file is closed, so they cannot tell when it is worth it.) A
     * PostgreSQL server reclaims free space itself (autovacuum): an index there is only closed.
     *
     * @return what the compaction did, if it ran
     */
    public Optional<Compaction> closeCompactingUnlessShared() throws IndexException {
        if (!(location instanceof IndexLocation.H2File h2)) {
            close();
            return Optional.empty();
        }
        Path file = h2.file();
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(h2Url(h2));
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
        openReaders.add(reader);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        openReaders.forEach(IndexReader::close);
        closePool.run();
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
        // H2 appends the SQL state and its version to every message, PostgreSQL lines of detail
        // and hints: users need the sentence.
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        int bracket = message.indexOf(" [");
        return bracket > 0 ? message.substring(0, bracket) : message;
    }
}
