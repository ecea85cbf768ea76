package imageserver.index;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The table {@code hash_buckets}, which finds an entry's position from its hash key: one row per
 * 16-bit prefix of the key, holding that bucket's (key, pos) pairs, 16 bytes each, in no order.
 * Why a table of buckets rather than an H2 index: docs/decisions/0001-hash-lookup-buckets.md.
 */
final class HashBuckets {
    static final int BUCKET_BITS = 16;
    static final int BUCKETS = 1 << BUCKET_BITS;
    static final int PAIR_BYTES = 16;
    static final String SELECT_BUCKET = "SELECT pairs FROM hash_buckets WHERE bucket = ?";

    private HashBuckets() {
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

    static boolean isEmpty(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM hash_buckets LIMIT 1")) {
            return !rs.next();
        }
    }

    /**
     * Writes the changes committed so far to the file now. H2 otherwise writes them in the
     * background every half second, and rewriting many buckets outpaces that: the changes waiting
     * to be written would outgrow a small heap. (PostgreSQL writes its log as it commits.)
     */
    static void writeOut(Connection c) throws SQLException {
        if (Dialect.of(c) != Dialect.H2) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /** Reads, replaces and deletes whole buckets, through statements prepared once. */
    static final class Writer implements AutoCloseable {
        private final PreparedStatement read;
        private final PreparedStatement write;
        private final PreparedStatement delete;

        /** @param allNew whether none of the buckets written exists yet: plain inserts, no reads */
        Writer(Connection c, boolean allNew) throws SQLException {
            read = c.prepareStatement(SELECT_BUCKET);
            write = c.prepareStatement(allNew
                    ? "INSERT INTO hash_buckets (bucket, pairs) VALUES (?, ?)"
                    : Dialect.of(c).upsert("hash_buckets", "bucket", "bucket, pairs"));
            delete = c.prepareStatement("DELETE FROM hash_buckets WHERE bucket = ?");
        }

        /** The stored pairs of a bucket, or null if it has none. */
        byte[] stored(int bucket) throws SQLException {
            read.setInt(1, bucket);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }

        /** Queues the bucket's new content (its row goes when it holds no pair). */
        void put(int bucket, Pairs pairs) throws SQLException {
            if (pairs.isEmpty()) {
                delete.setInt(1, bucket);
                delete.addBatch();
            } else {
                write.setInt(1, bucket);
                write.setBytes(2, pairs.bytes());
                write.addBatch();
            }
        }

        /** Sends the queued writes to the database, in the caller's transaction. */
        void execute() throws SQLException {
            write.executeBatch();
            delete.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            read.close();
            write.close();
            delete.close();
        }
    }

    /** One bucket's pairs while they are edited, in a buffer reused from bucket to bucket. */
    static final class Pairs {
        private ByteBuffer pairs = ByteBuffer.allocate(64 * PAIR_BYTES);
        private int count;

        /** Starts over with a bucket's stored pairs (null: none). */
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
