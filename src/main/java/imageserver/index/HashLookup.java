package imageserver.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup from an entry's hash key to its position, table {@code hash_buckets}: one row per
 * 16-bit prefix of the key, holding that bucket's (key, pos) pairs, 16 bytes each, in no order.
 *
 * <p>It replaces an H2 index on {@code entries.hash_key}. Keys are random, so H2 either
 * rewrote most of that index's pages at every commit or, dropped during bulk loads, took 6.5 s
 * to build it again after a cold index of 1.1M entries (a third of the run). Here a bulk load
 * writes each bucket once per batch of {@link #BATCH_EDITS} changes: at most 65,536 rows.
 *
 * <p>Every write to {@code entries} records its effect in an {@link Edits}, which is flushed in
 * the same transaction, or, during a bulk load, in batches with the lookup marked stale until
 * the last one. A run killed in between (or a new salt, or an index older than this table)
 * leaves it stale, for the next {@code index} or {@code serve} to {@linkplain #rebuild rebuild}
 * from the entries.
 */
final class HashLookup {
    private static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;
    private static final int PAIR_BYTES = 16;
    /**
     * Changes gathered before they are written: up to 2M (32 MB, so that a cold index of the
     * 1.1M benchmark set writes the buckets once), but at most an eighth of the heap: serve's
     * 112 MB heap rebuilding a 10M-entry lookup ran out of memory with 2M.
     */
    static final int BATCH_EDITS = (int) Math.min(2_000_000, Runtime.getRuntime().maxMemory() / 8 / PAIR_BYTES);
    /** The setting present while the buckets may not match the entries. */
    private static final String STALE = "lookup_stale";
    static final String SELECT_BUCKET = "SELECT pairs FROM hash_buckets WHERE bucket = ?";
    private static final int REBUILD_CHUNK = 50_000;
    /** Buckets written per transaction when a flush may commit as it goes. */
    static final int BUCKETS_PER_COMMIT = 2_000;

    private HashLookup() {
    }

    static int bucketOf(long key) {
        return (int) (key >>> (Long.SIZE - BUCKET_BITS));
    }

    /** The positions that a bucket's pairs give for {@code key}: almost always one, or none. */
    static long[] positions(byte[] pairs, long key) {
        ByteBuffer buffer = ByteBuffer.wrap(pairs);
        long[] found = new long[0];
        for (int at = 0; at + PAIR_BYTES <= pairs.length; at += PAIR_BYTES) {
            if (buffer.getLong(at) == key) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = buffer.getLong(at + Long.BYTES);
            }
        }
        return found;
    }

    static boolean isStale(Connection c) throws SQLException {
        return Settings.get(c, STALE).isPresent();
    }

    /** In the caller's transaction: the buckets may lag the entries until {@link #clearStale}. */
    static void markStale(Connection c) throws SQLException {
        Settings.put(c, STALE, "the buckets are being rewritten");
    }

    static void clearStale(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM settings WHERE name = ?")) {
            ps.setString(1, STALE);
            ps.executeUpdate();
        }
    }

    /** Rebuilds a stale lookup (see {@link #rebuild}); returns whether it was stale. */
    static boolean repairIfStale(Connection c, Path spillFolder) throws SQLException {
        if (!isStale(c)) {
            return false;
        }
        rebuild(c, spillFolder);
        return true;
    }

    /**
     * Recomputes every entry's hash key from the stored salt and its paths, stores those that
     * differ, and writes the buckets again from scratch; then the lookup is no longer stale.
     * Memory stays bounded at any size of index: entries are read in chunks of pos, the pairs
     * go to files in {@code spillFolder} by bucket range (then one range at a time into the
     * table), and it commits as it goes (one transaction, or merging batches into the table,
     * ran serve's 112 MB heap out of memory or for minutes at 10M entries). So the caller marks
     * the lookup stale first: a run killed in between leaves it stale, for the next to rebuild.
     *
     * @return how many keys changed (all of them after a new salt, none after a killed bulk load)
     */
    static long rebuild(Connection c, Path spillFolder) throws SQLException {
        String salt = Settings.get(c, Settings.SALT).orElse("");
        Map<Integer, String> sourcePaths = new HashMap<>();
        for (SourceRecord source : SourceTable.all(c)) {
            sourcePaths.put(source.id(), source.path());
        }
        EntryHasher hasher = new EntryHasher(salt);
        long changed = 0;
        try (Spill spill = new Spill(spillFolder)) {
            List<EntryTable.Keyed> chunk;
            long after = Long.MIN_VALUE;
            do {
                chunk = EntryTable.keyedAfter(c, after, REBUILD_CHUNK);
                List<long[]> newKeys = new ArrayList<>();
                for (EntryTable.Keyed row : chunk) {
                    String source = sourcePaths.get(EntryPos.sourceId(row.pos()));
                    long key = source == null ? row.hashKey() : hasher.key(source, row.path());
                    if (key != row.hashKey()) {
                        newKeys.add(new long[] {row.pos(), key});
                    }
                    spill.add(key, row.pos());
                    after = row.pos();
                }
                EntryTable.updateKeys(c, newKeys);
                changed += newKeys.size();
                c.commit();
            } while (!chunk.isEmpty());
            clear(c);
            spill.writeTo(c);
        } catch (IOException e) {
            throw new SQLException("cannot rebuild the lookup by hash through " + spillFolder + ": " + e.getMessage(), e);
        }
        clearStale(c);
        c.commit();
        return changed;
    }

    /**
     * Empties the buckets, committing (the lookup is stale meanwhile). TRUNCATE drops the rows
     * at once: deleting 65,536 rows of 2.4 KB ran for minutes at 10M entries.
     */
    private static void clear(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE TABLE hash_buckets");
        }
        c.commit();
    }

    /**
     * (key, pos) pairs written to one file per range of buckets, so that a whole-index rebuild
     * holds a single range in memory when it writes the buckets: 1/64 of the pairs.
     */
    private static final class Spill implements AutoCloseable {
        private static final int PARTS = 64;
        private static final int BUCKETS_PER_PART = BUCKETS / PARTS;
        private static final String FOLDER_PREFIX = "lookup-rebuild-";
        private final Path folder;
        private final DataOutputStream[] parts = new DataOutputStream[PARTS];

        Spill(Path parent) throws IOException {
            removeLeftovers(parent);
            folder = Files.createTempDirectory(parent, FOLDER_PREFIX);
            for (int i = 0; i < PARTS; i++) {
                parts[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part(i)), 1 << 15));
            }
        }

        /** The spill of a rebuild that was killed: it would otherwise stay next to the index. */
        private static void removeLeftovers(Path parent) throws IOException {
            try (var folders = Files.newDirectoryStream(parent, FOLDER_PREFIX + "*")) {
                for (Path folder : folders) {
                    try (var files = Files.newDirectoryStream(folder)) {
                        for (Path file : files) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(folder);
                }
            }
        }

        private Path part(int i) {
            return folder.resolve("part-" + i);
        }

        void add(long key, long pos) throws IOException {
            DataOutputStream part = parts[bucketOf(key) / BUCKETS_PER_PART];
            part.writeLong(key);
            part.writeLong(pos);
        }

        /** Into an emptied table: each range's buckets are new, written with plain inserts. */
        void writeTo(Connection c) throws IOException, SQLException {
            for (int i = 0; i < PARTS; i++) {
                parts[i].close();
                Edits range = new Edits((int) (Files.size(part(i)) / PAIR_BYTES) + 1);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(part(i)), 1 << 15))) {
                    for (long n = Files.size(part(i)) / PAIR_BYTES; n > 0; n--) {
                        range.add(in.readLong(), in.readLong());
                    }
                }
                Files.delete(part(i));
                range.flush(c, true, true);
            }
        }

        @Override
        public void close() throws IOException {
            for (int i = 0; i < PARTS; i++) {
                parts[i].close();
                Files.deleteIfExists(part(i));
            }
            Files.deleteIfExists(folder);
        }
    }

    /**
     * Pairs to add to and remove from the lookup, in order, as two growable arrays: a removal
     * is stored as the complement of its position (positions are never negative).
     */
    static final class Edits {
        private long[] keys;
        private long[] positions;
        private int size;

        Edits() {
            this(256);
        }

        Edits(int capacity) {
            keys = new long[capacity];
            positions = new long[capacity];
        }

        void add(long key, long pos) {
            append(key, pos);
        }

        void remove(long key, long pos) {
            append(key, ~pos);
        }

        /** A kept entry that moved to another position. */
        void move(long key, long from, long to) {
            if (from != to) {
                remove(key, from);
                add(key, to);
            }
        }

        void addAll(Edits other) {
            for (int i = 0; i < other.size; i++) {
                append(other.keys[i], other.positions[i]);
            }
        }

        int size() {
            return size;
        }

        private void append(long key, long encodedPos) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            keys[size] = key;
            positions[size++] = encodedPos;
        }

        /**
         * Applies the edits to the buckets in the caller's transaction, then forgets them. Each
         * touched bucket is read and written once; within a bucket the edits apply in order.
         */
        void flush(Connection c) throws SQLException {
            flush(c, false, isEmpty(c));
        }

        /**
         * Like {@link #flush(Connection)}, committing every {@value #BUCKETS_PER_COMMIT} buckets
         * and writing them to the file: only while the lookup is marked stale. At 10M entries a
         * whole flush rewrites 150 MB of buckets, more than serve's heap holds.
         */
        void flushCommitting(Connection c) throws SQLException {
            flush(c, true, isEmpty(c));
        }

        /** @param allNew whether none of the touched buckets exists yet: no reads, plain inserts */
        private void flush(Connection c, boolean commitAsItGoes, boolean allNew) throws SQLException {
            if (size == 0) {
                return;
            }
            // A stable counting sort by bucket: edits of one bucket end up together, in order.
            int[] first = new int[BUCKETS + 1];
            for (int i = 0; i < size; i++) {
                first[bucketOf(keys[i]) + 1]++;
            }
            for (int b = 0; b < BUCKETS; b++) {
                first[b + 1] += first[b];
            }
            int[] order = new int[size];
            int[] next = Arrays.copyOf(first, BUCKETS);
            for (int i = 0; i < size; i++) {
                order[next[bucketOf(keys[i])]++] = i;
            }
            try (PreparedStatement read = c.prepareStatement(SELECT_BUCKET);
                 PreparedStatement write = c.prepareStatement(allNew
                         ? "INSERT INTO hash_buckets (bucket, pairs) VALUES (?, ?)"
                         : "MERGE INTO hash_buckets (bucket, pairs) KEY (bucket) VALUES (?, ?)");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM hash_buckets WHERE bucket = ?")) {
                Bucket bucket = new Bucket();
                int pendingWrites = 0;
                for (int b = 0; b < BUCKETS; b++) {
                    if (first[b] == first[b + 1]) {
                        continue;
                    }
                    bucket.load(allNew ? null : stored(read, b));
                    for (int j = first[b]; j < first[b + 1]; j++) {
                        int i = order[j];
                        if (positions[i] >= 0) {
                            bucket.add(keys[i], positions[i]);
                        } else {
                            bucket.remove(keys[i], ~positions[i]);
                        }
                    }
                    if (bucket.isEmpty()) {
                        delete.setInt(1, b);
                        delete.addBatch();
                    } else {
                        write.setInt(1, b);
                        write.setBytes(2, bucket.bytes());
                        write.addBatch();
                    }
                    if (++pendingWrites == BUCKETS_PER_COMMIT) {
                        write.executeBatch();
                        delete.executeBatch();
                        pendingWrites = 0;
                        if (commitAsItGoes) {
                            c.commit();
                            writeOut(c);
                        }
                    }
                }
                write.executeBatch();
                delete.executeBatch();
            }
            size = 0;
        }
    }

    /**
     * Writes the changes committed so far to the file now. H2 otherwise writes them in the
     * background every half second, and a flush rewrites buckets faster than that: at 6.9M
     * entries the changes waiting to be written outgrew serve's 112 MB heap.
     */
    private static void writeOut(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    private static boolean isEmpty(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM hash_buckets LIMIT 1")) {
            return !rs.next();
        }
    }

    private static byte[] stored(PreparedStatement selectBucket, int bucket) throws SQLException {
        selectBucket.setInt(1, bucket);
        try (ResultSet rs = selectBucket.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /** One bucket's pairs while edits apply to it, in a buffer reused from bucket to bucket. */
    private static final class Bucket {
        private ByteBuffer pairs = ByteBuffer.allocate(64 * PAIR_BYTES);
        private int count;

        void load(byte[] stored) {
            count = 0;
            if (stored != null) {
                ensureRoom(stored.length / PAIR_BYTES);
                pairs.put(0, stored);
                count = stored.length / PAIR_BYTES;
            }
        }

        void add(long key, long pos) {
            ensureRoom(count + 1);
            pairs.putLong(count * PAIR_BYTES, key).putLong(count * PAIR_BYTES + Long.BYTES, pos);
            count++;
        }

        /** Removes the pair, if present, by moving the last pair into its place. */
        void remove(long key, long pos) {
            for (int i = 0; i < count; i++) {
                if (pairs.getLong(i * PAIR_BYTES) == key && pairs.getLong(i * PAIR_BYTES + Long.BYTES) == pos) {
                    int last = (count - 1) * PAIR_BYTES;
                    pairs.putLong(i * PAIR_BYTES, pairs.getLong(last))
                            .putLong(i * PAIR_BYTES + Long.BYTES, pairs.getLong(last + Long.BYTES));
                    count--;
                    return;
                }
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        byte[] bytes() {
            return Arrays.copyOf(pairs.array(), count * PAIR_BYTES);
        }

        private void ensureRoom(int pairCount) {
            if (pairCount * PAIR_BYTES > pairs.capacity()) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(pairCount, 2 * count) * PAIR_BYTES);
                larger.put(0, pairs, 0, count * PAIR_BYTES);
                pairs = larger;
            }
        }
    }
}
