package imageserver.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup's stale flag, and the rebuild that clears it. The lookup is stale while a bulk load
 * or a new salt is being applied, or after one was killed midway, or in an index older than the
 * lookup table; {@code index} rebuilds a stale lookup before it writes, {@code serve} while it
 * answers (see {@link #rebuild}).
 */
final class LookupRebuild {
    /** The setting present while the buckets may not match the entries. */
    private static final String STALE = "lookup_stale";
    private static final int CHUNK = 50_000;
    /** A rebuild that another writer overlapped leaves the lookup stale; it is tried this many times. */
    private static final int ATTEMPTS = 3;

    private LookupRebuild() {
    }

    static boolean isStale(Connection c) throws SQLException {
        return Settings.get(c, STALE).isPresent();
    }

    /** In the caller's transaction: the buckets may lag the entries until a rebuild completes. */
    static void markStale(Connection c) throws SQLException {
        Settings.put(c, STALE, "the buckets are being rewritten");
    }

    /** At the end of a bulk load that completed: the buckets match the entries again. */
    static void clearStale(Connection c) throws SQLException {
        Settings.remove(c, STALE);
    }

    /** Rebuilds a stale lookup; returns whether it was stale. */
    static boolean repairIfStale(Connection c, Path spillFolder) throws SQLException {
        boolean wasStale = false;
        for (int attempt = 0; attempt < ATTEMPTS && isStale(c); attempt++) {
            rebuild(c, spillFolder);
            wasStale = true;
        }
        return wasStale;
    }

    /**
     * Recomputes every entry's hash key from the stored salt and its paths, stores those that
     * differ, and rewrites the buckets from them; the lookup is then no longer stale, unless
     * another writer committed meanwhile (it stays stale, for another pass).
     *
     * <p>Memory stays bounded at any size of index, and lookups keep working: entries are read in
     * chunks, the pairs go to files in {@code spillFolder} by range of buckets, and each range then
     * replaces its buckets in place, committing as it goes. So the caller marks the lookup stale
     * first: a run killed in between leaves it stale, for the next to rebuild.
     *
     * @return how many keys changed (all of them after a new salt, none after a killed bulk load)
     */
    static long rebuild(Connection c, Path spillFolder) throws SQLException {
        String generation = Settings.get(c, Settings.GENERATION).orElse("");
        String salt = Settings.get(c, Settings.SALT).orElse("");
        Map<Integer, String> sourceByPart = new HashMap<>();
        for (SourceTable.WithParts source : SourceTable.allWithParts(c)) {
            for (Part part : source.parts()) {
                sourceByPart.put(part.id(), source.source().path());
            }
        }
        EntryHasher hasher = new EntryHasher(salt);
        long changed = 0;
        try (Spill spill = new Spill(spillFolder)) {
            List<EntryTable.Keyed> chunk;
            long after = Long.MIN_VALUE;
            do {
                chunk = EntryTable.keyedAfter(c, after, CHUNK);
                List<long[]> newKeys = new ArrayList<>();
                for (EntryTable.Keyed row : chunk) {
                    String source = sourceByPart.get(EntryPos.partId(row.pos()));
                    long key = source == null ? row.hashKey() : hasher.key(source, row.archive(), row.path());
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
            spill.replaceBuckets(c);
        } catch (IOException e) {
            throw new SQLException("cannot rebuild the lookup by hash through " + spillFolder + ": " + e.getMessage(), e);
        }
        // The folders' and archives' hashes follow the salt too.
        ContainerTable.rebuildAll(c);
        if (generation.equals(Settings.get(c, Settings.GENERATION).orElse(""))) {
            clearStale(c);
        }
        c.commit();
        return changed;
    }

    /**
     * (key, pos) pairs written to one file per range of buckets, so that a whole-index rebuild
     * holds a single range in memory when it writes the buckets: 1/64 of the pairs.
     */
    private static final class Spill implements AutoCloseable {
        private static final int PARTS = 64;
        private static final int BUCKETS_PER_PART = HashBuckets.BUCKETS / PARTS;
        private static final String FOLDER_PREFIX = "lookup-rebuild-";
        private final Path folder;
        private final DataOutputStream[] parts = new DataOutputStream[PARTS];

        Spill(Path parent) throws IOException {
            removeLeftovers(parent);
            folder = Files.createTempDirectory(parent, FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            for (int i = 0; i < PARTS; i++) {
                parts[i] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part(i)), 1 << 15));
            }
        }

        /** The spills of killed rebuilds: their folders name processes that no longer run. */
        private static void removeLeftovers(Path parent) throws IOException {
            try (var folders = Files.newDirectoryStream(parent, FOLDER_PREFIX + "*")) {
                for (Path folder : folders) {
                    if (ownerIsAlive(folder)) {
                        continue;
                    }
                    try (var files = Files.newDirectoryStream(folder)) {
                        for (Path file : files) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(folder);
                }
            }
        }

        private static boolean ownerIsAlive(Path folder) {
            String[] parts = folder.getFileName().toString().substring(FOLDER_PREFIX.length()).split("-", 2);
            try {
                return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private Path part(int i) {
            return folder.resolve("part-" + i);
        }

        void add(long key, long pos) throws IOException {
            DataOutputStream part = parts[HashBuckets.bucketOf(key) / BUCKETS_PER_PART];
            part.writeLong(key);
            part.writeLong(pos);
        }

        /** Each range of buckets replaced by the pairs spilled for it, one range at a time. */
        void replaceBuckets(Connection c) throws IOException, SQLException {
            for (int i = 0; i < PARTS; i++) {
                parts[i].close();
                long pairs = Files.size(part(i)) / HashBuckets.PAIR_BYTES;
                LookupEdits range = new LookupEdits((int) pairs + 1);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(part(i)), 1 << 15))) {
                    for (long n = pairs; n > 0; n--) {
                        range.add(in.readLong(), in.readLong());
                    }
                }
                Files.delete(part(i));
                range.replaceRange(c, i * BUCKETS_PER_PART, (i + 1) * BUCKETS_PER_PART);
                c.commit();
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
}
