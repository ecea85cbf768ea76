import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The write path of a cold index with each way of building the lookup by hash
 * (docs/decisions/0001-hash-lookup-buckets.md): N entries written per source of 10,000 rows in
 * batches of 2,000, with the project's table and H2 settings, then the lookup built, then
 * 20,000 lookups timed. Prints both phases' seconds, the lookup p50/p99 and the file size.
 *
 *   java -cp H2_JAR bench/LookupAlternatives.java METHOD N [WORKDIR]
 *
 * METHOD: buckets (hash_buckets, as the project writes them), sorted (a table with hash_key as
 * its primary key, loaded in key order), sorted-pair (PRIMARY KEY (hash_key, pos)),
 * create-index (CREATE INDEX on entries(hash_key) after the load), none (entries alone).
 * H2_JAR: ~/.m2/repository/com/h2database/h2/VERSION/h2-VERSION.jar, the version in pom.xml.
 */
public class LookupAlternatives {
    private static final int SOURCE_ROWS = 10_000;
    private static final int BATCH = 2_000;
    private static final int LOOKUPS = 20_000;

    public static void main(String[] args) throws Exception {
        String method = args[0];
        int n = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir")), "lookup");
        System.setProperty("h2.objectCache", "false");
        String url = "jdbc:h2:file:" + dir.resolve("index") + ";RETENTION_TIME=0;MAX_COMPACT_TIME=0;CACHE_SIZE=1024";
        long[] keys = new long[n];
        long[] positions = new long[n];
        try (Connection c = DriverManager.getConnection(url)) {
            createTables(c, method);
            c.setAutoCommit(false);
            long start = System.nanoTime();
            writeEntries(c, keys, positions);
            long written = System.nanoTime();
            buildLookup(c, method, keys.clone(), positions.clone());
            long built = System.nanoTime();
            System.out.printf("%s, %d entries: entries %.2f s, lookup %.2f s%n", method, n,
                    (written - start) / 1e9, (built - written) / 1e9);
            if (!method.equals("none")) {
                timeLookups(c, method, keys, positions);
            }
        }
        System.out.printf("file: %d MB%n", Files.size(dir.resolve("index.mv.db")) >> 20);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void createTables(Connection c, String method) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE entries (pos BIGINT PRIMARY KEY, hash_key BIGINT NOT NULL,"
                    + " path VARCHAR(4096) NOT NULL, mime VARCHAR(64) NOT NULL, size BIGINT NOT NULL,"
                    + " mtime BIGINT NOT NULL, method SMALLINT NOT NULL, data_offset BIGINT NOT NULL,"
                    + " compressed_size BIGINT NOT NULL, crc BIGINT NOT NULL)");
            switch (method) {
                case "buckets" -> st.execute("CREATE TABLE hash_buckets (bucket INT PRIMARY KEY, pairs VARBINARY NOT NULL)");
                case "sorted" -> st.execute("CREATE TABLE lookup (hash_key BIGINT PRIMARY KEY, pos BIGINT NOT NULL)");
                case "sorted-pair" -> st.execute("CREATE TABLE lookup (hash_key BIGINT NOT NULL, pos BIGINT NOT NULL,"
                        + " PRIMARY KEY (hash_key, pos))");
                case "create-index", "none" -> {
                }
                default -> throw new IllegalArgumentException("unknown method " + method);
            }
        }
    }

    /** Rows shaped like a ZIP's entries, one transaction per source, random keys. */
    private static void writeEntries(Connection c, long[] keys, long[] positions) throws SQLException {
        Random random = new Random(1);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < keys.length; i++) {
                int source = 1 + i / SOURCE_ROWS;
                int seq = 1 + i % SOURCE_ROWS;
                positions[i] = ((long) source << 32) + seq;
                keys[i] = random.nextLong();
                insert.setLong(1, positions[i]);
                insert.setLong(2, keys[i]);
                insert.setString(3, String.format("chapter-%d/page-%05d.jpg", seq / 1000, seq));
                insert.setString(4, "image/jpeg");
                insert.setLong(5, 200);
                insert.setLong(6, 1_700_000_000_000L);
                insert.setInt(7, 8);
                insert.setLong(8, 12_345);
                insert.setLong(9, 150);
                insert.setLong(10, 0xabcdefL);
                insert.addBatch();
                if (seq % BATCH == 0 || i == keys.length - 1) {
                    insert.executeBatch();
                }
                if (seq == SOURCE_ROWS || i == keys.length - 1) {
                    c.commit();
                }
            }
        }
    }

    private static void buildLookup(Connection c, String method, long[] keys, long[] positions) throws SQLException {
        switch (method) {
            case "buckets" -> writeBuckets(c, keys, positions);
            case "sorted", "sorted-pair" -> {
                sortByKey(keys, positions, 0, keys.length - 1);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO lookup VALUES (?, ?)")) {
                    for (int i = 0; i < keys.length; i++) {
                        insert.setLong(1, keys[i]);
                        insert.setLong(2, positions[i]);
                        insert.addBatch();
                        if ((i + 1) % BATCH == 0 || i == keys.length - 1) {
                            insert.executeBatch();
                        }
                        if ((i + 1) % 100_000 == 0) {
                            c.commit();
                        }
                    }
                }
            }
            case "create-index" -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX entries_by_hash ON entries (hash_key)");
                }
            }
            default -> {
            }
        }
        c.commit();
    }

    /** Each 16-bit bucket written once, as a bulk load into an empty hash_buckets does. */
    private static void writeBuckets(Connection c, long[] keys, long[] positions) throws SQLException {
        int buckets = 1 << 16;
        int[] first = new int[buckets + 1];
        for (long key : keys) {
            first[(int) (key >>> 48) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            first[b + 1] += first[b];
        }
        int[] next = Arrays.copyOf(first, buckets);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[next[(int) (keys[i] >>> 48)]++] = i;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hash_buckets VALUES (?, ?)")) {
            for (int b = 0; b < buckets; b++) {
                ByteBuffer pairs = ByteBuffer.allocate((first[b + 1] - first[b]) * 16);
                for (int j = first[b]; j < first[b + 1]; j++) {
                    pairs.putLong(keys[order[j]]).putLong(positions[order[j]]);
                }
                insert.setInt(1, b);
                insert.setBytes(2, pairs.array());
                insert.addBatch();
                if (b % BATCH == BATCH - 1) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void timeLookups(Connection c, String method, long[] keys, long[] positions) throws SQLException {
        String sql = switch (method) {
            case "buckets" -> "SELECT pairs FROM hash_buckets WHERE bucket = ?";
            case "create-index" -> "SELECT pos FROM entries WHERE hash_key = ?";
            default -> "SELECT pos FROM lookup WHERE hash_key = ?";
        };
        Random random = new Random(9);
        long[] nanos = new long[LOOKUPS];
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < LOOKUPS; i++) {
                int at = random.nextInt(keys.length);
                long start = System.nanoTime();
                if (method.equals("buckets")) {
                    query.setInt(1, (int) (keys[at] >>> 48));
                } else {
                    query.setLong(1, keys[at]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next() || !found(method, rs, keys[at], positions[at])) {
                        throw new IllegalStateException("lookup missed key " + keys[at]);
                    }
                }
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("lookup p50 %d us, p99 %d us%n", nanos[LOOKUPS / 2] / 1000, nanos[LOOKUPS * 99 / 100] / 1000);
    }

    private static boolean found(String method, ResultSet rs, long key, long pos) throws SQLException {
        if (!method.equals("buckets")) {
            return rs.getLong(1) == pos;
        }
        ByteBuffer pairs = ByteBuffer.wrap(rs.getBytes(1));
        for (int at = 0; at < pairs.limit(); at += 16) {
            if (pairs.getLong(at) == key && pairs.getLong(at + 8) == pos) {
                return true;
            }
        }
        return false;
    }

    /** Quicksort of two parallel arrays by the first. */
    private static void sortByKey(long[] keys, long[] positions, int low, int high) {
        while (low < high) {
            long pivot = keys[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long k = keys[i];
                    keys[i] = keys[j];
                    keys[j] = k;
                    long p = positions[i];
                    positions[i] = positions[j];
                    positions[j] = p;
                    i++;
                    j--;
                }
            }
            if (j - low < high - i) {
                sortByKey(keys, positions, low, j);
                low = i;
            } else {
                sortByKey(keys, positions, i, high);
                high = j;
            }
        }
    }
}
