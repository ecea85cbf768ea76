package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.testing.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class HashBucketsTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    /** A key in one of a few buckets, so that buckets fill up; some keys repeat on purpose. */
    private static long keyIn(Random random, int bucket) {
        return ((long) bucket << 48) | (random.nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    @Test
    void bucketsHoldExactlyThePairsThatAddsMovesAndRemovesLeave() throws Exception {
        Random random = new Random(42);
        Map<Long, List<Long>> model = new HashMap<>();
        List<long[]> held = new ArrayList<>();
        long[] sharedKeys = {keyIn(random, 7), keyIn(random, 0xFFFF)};
        long nextPos = 1;
        try (IndexDatabase db = IndexDatabase.open(database.index(dir)); Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (int round = 0; round < 6; round++) {
                LookupEdits edits = new LookupEdits();
                for (int op = 0; op < 3_000; op++) {
                    int choice = held.isEmpty() ? 0 : random.nextInt(4);
                    if (choice <= 1) {
                        // Two entries may share a 64-bit key: both positions must come back.
                        long key = random.nextInt(20) == 0 ? sharedKeys[random.nextInt(2)]
                                : keyIn(random, random.nextInt(5) == 0 ? 0xFFFF : random.nextInt(40));
                        long pos = nextPos++;
                        edits.add(key, pos);
                        model.computeIfAbsent(key, k -> new ArrayList<>()).add(pos);
                        held.add(new long[] {key, pos});
                    } else {
                        long[] pair = held.get(random.nextInt(held.size()));
                        model.get(pair[0]).remove(pair[1]);
                        if (choice == 2) {
                            edits.remove(pair[0], pair[1]);
                            held.remove(pair);
                        } else {
                            long to = nextPos++;
                            edits.move(pair[0], pair[1], to);
                            model.get(pair[0]).add(to);
                            pair[1] = to;
                        }
                    }
                }
                edits.flush(c);
                c.commit();
                assertEquals(0, edits.size(), "a flush forgets what it wrote");

                for (Map.Entry<Long, List<Long>> expected : model.entrySet()) {
                    long[] want = expected.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                    long[] got = positionsOf(c, expected.getKey());
                    java.util.Arrays.sort(got);
                    assertArrayEquals(want, got, "key " + Long.toHexString(expected.getKey()) + ", round " + round);
                }
                int nonEmptyBuckets = (int) model.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(e -> HashBuckets.bucketOf(e.getKey())).distinct().count();
                assertEquals(nonEmptyBuckets, bucketRows(c), "an emptied bucket leaves no row");
            }
        }
    }

    @Test
    void aStaleLookupIsRebuiltFromTheEntriesAndNoLongerStale() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(database.index(dir)); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO entries (pos, hash_key, path, mime, size, mtime, method, data_offset,"
                        + " compressed_size, crc) VALUES (4294967297, 81985529216486895, 'a.jpg', 'image/jpeg', 1, 1, -1, 0, 0, 0)");
            }
            LookupRebuild.markStale(c);
            c.commit();
            assertTrue(db.lookupIsStale());

            assertTrue(db.repairLookup());

            assertFalse(db.lookupIsStale());
            assertArrayEquals(new long[] {4294967297L}, positionsOf(c, 81985529216486895L));
            assertFalse(db.repairLookup(), "nothing left to repair");
        }
    }

    @Test
    void aRebuildLeavesExactlyThePairsOfTheEntriesAndNoEmptyBucket() throws Exception {
        long kept = 0x0001_0000_0000_0001L;
        long wrong = 0x0002_0000_0000_0002L;
        try (IndexDatabase db = IndexDatabase.open(database.index(dir)); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO entries (pos, hash_key, path, mime, size, mtime, method, data_offset,"
                        + " compressed_size, crc) VALUES (4294967297, " + kept + ", 'a.jpg', 'image/jpeg', 1, 1, -1, 0, 0, 0)");
            }
            // What a killed run can leave: a pair of an entry since removed, and one of an entry moved.
            LookupEdits stale = new LookupEdits();
            stale.add(wrong, 4294967298L);
            stale.add(kept, 4294967299L);
            stale.flush(c);
            LookupRebuild.markStale(c);
            c.commit();

            assertTrue(db.repairLookup());

            assertArrayEquals(new long[] {4294967297L}, positionsOf(c, kept));
            assertArrayEquals(new long[0], positionsOf(c, wrong));
            assertEquals(1, bucketRows(c), "the bucket left without pairs is gone");
        }
    }

    @Test
    void aRebuildRemovesTheSpillOfAKilledRebuildButNotOneStillRunning() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(database.index(dir)); Connection c = db.connection()) {
            Path dead = java.nio.file.Files.createDirectories(db.workFolder().resolve("lookup-rebuild-" + Integer.MAX_VALUE + "-1"));
            java.nio.file.Files.writeString(dead.resolve("part-0"), "left by a killed rebuild");
            Path running = java.nio.file.Files.createDirectories(
                    db.workFolder().resolve("lookup-rebuild-" + ProcessHandle.current().pid() + "-2"));
            c.setAutoCommit(false);
            LookupRebuild.markStale(c);
            c.commit();

            assertTrue(db.repairLookup());

            assertFalse(java.nio.file.Files.exists(dead));
            assertTrue(java.nio.file.Files.exists(running));
            java.nio.file.Files.delete(running);
        }
    }

    /**
     * H2 keeps committed changes in memory until it writes them to the file, in the background
     * every half second. A flush rewriting every bucket faster than that held them all, more than
     * serve's heap at millions of entries.
     */
    @Test
    void aFlushThatCommitsAsItGoesAlsoWritesToTheFileAsItGoes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(database == TestDatabase.H2, "H2's own store: PostgreSQL writes its log as it commits");
        Random random = new Random(7);
        try (IndexDatabase db = IndexDatabase.open(database.index(dir)); Connection c = db.connection()) {
            c.setAutoCommit(false);
            LookupRebuild.markStale(c);
            c.commit();
            LookupEdits edits = new LookupEdits();
            for (int bucket = 0; bucket < 1 << 16; bucket++) {
                edits.add(keyIn(random, bucket), bucket + 1);
            }
            FileStore<?> file = mvStoreOf(c).getFileStore();
            long writesBefore = file.getWriteCount();

            edits.flushCommitting(c);
            c.commit();

            long writes = file.getWriteCount() - writesBefore;
            int commits = (1 << 16) / LookupEdits.BUCKETS_PER_COMMIT;
            assertTrue(writes >= commits, writes + " writes to the file for " + commits + " commits");
            assertEquals(1 << 16, bucketRows(c));
        }
    }

    /** The store under an embedded connection: H2's own objects, as no SQL tells what is unsaved. */
    private static MVStore mvStoreOf(Connection c) throws Exception {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    private static long[] positionsOf(Connection c, long key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(HashBuckets.SELECT_BUCKET)) {
            ps.setInt(1, HashBuckets.bucketOf(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? HashBuckets.positions(rs.getBytes(1), key) : new long[0];
            }
        }
    }

    private static int bucketRows(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM hash_buckets")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
