package imageserver.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Pairs to add to and remove from the {@link HashBuckets}, in the order they happened, and their
 * writing: each touched bucket is read and written once per flush. Two growable arrays; a removal
 * is stored as the complement of its position (positions are never negative).
 */
final class LookupEdits {
    /** Buckets written per transaction when a flush may commit as it goes. */
    static final int BUCKETS_PER_COMMIT = 2_000;

    private long[] keys;
    private long[] positions;
    private int size;

    LookupEdits() {
        this(256);
    }

    LookupEdits(int capacity) {
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

    void addAll(LookupEdits other) {
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

    /** Applies the edits to the stored buckets in the caller's transaction, then forgets them. */
    void flush(Connection c) throws SQLException {
        write(c, false, false, 0, HashBuckets.BUCKETS);
    }

    /**
     * Like {@link #flush}, committing every {@value #BUCKETS_PER_COMMIT} buckets and writing them
     * to the file: only while the lookup is marked stale, as a bulk load's edits touch most buckets,
     * more than a small heap holds in one transaction.
     */
    void flushCommitting(Connection c) throws SQLException {
        write(c, true, false, 0, HashBuckets.BUCKETS);
    }

    /**
     * Makes the buckets from {@code first} (inclusive) to {@code end} hold exactly the pairs added
     * here, whatever they held, committing as it goes; a bucket left without pairs is deleted.
     * A reader meanwhile finds each bucket either as it was or as it is now, never emptied.
     */
    void replaceRange(Connection c, int first, int end) throws SQLException {
        write(c, true, true, first, end);
    }

    private void write(Connection c, boolean commitAsItGoes, boolean replace, int firstBucket, int endBucket)
            throws SQLException {
        if (size == 0 && !replace) {
            return;
        }
        // A stable counting sort by bucket: edits of one bucket end up together, in order.
        int[] first = new int[HashBuckets.BUCKETS + 1];
        for (int i = 0; i < size; i++) {
            first[HashBuckets.bucketOf(keys[i]) + 1]++;
        }
        for (int b = 0; b < HashBuckets.BUCKETS; b++) {
            first[b + 1] += first[b];
        }
        int[] order = new int[size];
        int[] next = Arrays.copyOf(first, HashBuckets.BUCKETS);
        for (int i = 0; i < size; i++) {
            order[next[HashBuckets.bucketOf(keys[i])]++] = i;
        }
        if (commitAsItGoes) {
            // Each transaction reads and rewrites buckets another process's writer may be editing.
            Settings.lockWriters(c);
        }
        boolean allNew = !replace && HashBuckets.isEmpty(c);
        try (HashBuckets.Writer writer = new HashBuckets.Writer(c, allNew)) {
            HashBuckets.Pairs bucket = new HashBuckets.Pairs();
            int pending = 0;
            for (int b = firstBucket; b < endBucket; b++) {
                if (first[b] == first[b + 1] && !replace) {
                    continue;
                }
                bucket.load(replace || allNew ? null : writer.stored(b));
                for (int j = first[b]; j < first[b + 1]; j++) {
                    int i = order[j];
                    if (positions[i] >= 0) {
                        bucket.add(keys[i], positions[i]);
                    } else {
                        bucket.remove(keys[i], ~positions[i]);
                    }
                }
                writer.put(b, bucket);
                if (++pending == BUCKETS_PER_COMMIT) {
                    writer.execute();
                    pending = 0;
                    if (commitAsItGoes) {
                        c.commit();
                        HashBuckets.writeOut(c);
                        Settings.lockWriters(c);
                    }
                }
            }
            writer.execute();
        }
        size = 0;
    }
}
