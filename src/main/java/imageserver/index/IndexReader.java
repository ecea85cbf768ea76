package imageserver.index;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import imageserver.source.SourceKind;

/**
 * Every read that serving needs, each one indexed lookup: by hash, by position in natural
 * order, next/previous (wrapping around), and a uniform random pick. Sees what another
 * process commits: the layout of sources and their parts is rebuilt whenever the index's
 * generation moves.
 */
public final class IndexReader implements AutoCloseable {
    private static final int RETAINED_SESSIONS = 64;

    /** How stale a layout may be before the generation is asked again: what another process commits shows within this. */
    static final long RECHECK_NANOS = 50_000_000L;

    private final IndexDatabase db;
    private final PathMap paths;
    private final LongSupplier nanoTime;
    private final ArrayBlockingQueue<ReadSession> sessions = new ArrayBlockingQueue<>(RETAINED_SESSIONS);
    private volatile IndexLayout layout;
    private volatile long checkedAt;

    public IndexReader(IndexDatabase db) {
        this(db, PathMap.NONE, System::nanoTime);
    }

    /** As above, with the clock that tells when the layout is due to be checked again. */
    public IndexReader(IndexDatabase db, LongSupplier nanoTime) {
        this(db, PathMap.NONE, nanoTime);
    }

    /** As above, with where this machine finds the sources. */
    public IndexReader(IndexDatabase db, PathMap paths, LongSupplier nanoTime) {
        this.db = db;
        this.paths = paths;
        this.nanoTime = nanoTime;
        db.register(this);
    }

    /** The number of files, as of now (health checks and tests rely on it being current). */
    public long total() throws IndexException {
        return read(this::freshLayout).total();
    }

    /** The library's state, as of now. */
    public LibraryState state() throws IndexException {
        return read(c -> {
            IndexLayout l = freshLayout(c);
            Instant lastScan = Settings.get(c.connection, Settings.LAST_COMPLETE_SCAN).map(Instant::parse).orElse(null);
            boolean indexing = Settings.get(c.connection, Settings.INDEXING).map(IndexReader::isRunning).orElse(false);
            return new LibraryState(l.total(), indexing, lastScan, l.sources(SourceState.OK),
                    l.sources(SourceState.INCOMPLETE), l.sources(SourceState.FAILED));
        });
    }

    /** Whether the process an index run recorded is still running (index runs share a host with the file). */
    private static boolean isRunning(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The entry with this hash; empty for an unknown or malformed hash. */
    public Optional<IndexedEntry> byHash(String hex) throws IndexException {
        // When the layout is due for a check, only the check goes to H2: unless another writer
        // has committed, the entries looked up recently are still good.
        IndexLayout current = recentlyCheckedLayout();
        if (current == null) {
            current = read(this::freshLayout);
        }
        // Only well-formed hashes of entries are remembered, so a recent one needs no parsing.
        IndexedEntry hit = hex == null ? null : current.recent().get(hex);
        if (hit != null) {
            return Optional.of(hit);
        }
        byte[] hash = EntryHasher.parse(hex);
        if (hash == null) {
            return Optional.empty();
        }
        IndexLayout checked = current;
        return read(c -> {
            Lookup lookup = byHash(c, checked, hash, hex);
            if (lookup.unknownPart()) {
                // A row of a part the layout predates (another process just wrote it): look again, fresh.
                lookup = byHash(c, freshLayout(c), hash, hex);
            }
            return Optional.ofNullable(lookup.entry());
        });
    }

    /** What a lookup by hash found: the entry, or none, and whether a row named a part the layout lacks. */
    private record Lookup(IndexedEntry entry, boolean unknownPart) {
    }

    private Lookup byHash(ReadSession c, IndexLayout l, byte[] hash, String hex) throws SQLException {
        long key = EntryHasher.keyOf(hash);
        c.bucket.setInt(1, HashBuckets.bucketOf(key));
        long[] candidates;
        try (ResultSet rs = c.bucket.executeQuery()) {
            candidates = rs.next() ? HashBuckets.positions(rs.getBytes(1), key) : new long[0];
        }
        EntryHasher hasher = c.hasher(l.salt());
        boolean unknownPart = false;
        for (long pos : candidates) {
            int slot = l.slotOf(EntryPos.partId(pos));
            unknownPart |= slot < 0;
            if (slot < 0) {
                continue;
            }
            c.byPos.setLong(1, pos);
            try (ResultSet rs = c.byPos.executeQuery()) {
                // Eight bytes select the row; the full hash, recomputed, must match too.
                if (rs.next() && Arrays.equals(hash, hasher.hash(l.sourcePath(slot), rs.getString(10), rs.getString(2)))) {
                    IndexedEntry entry = entry(l, slot, rs, hex);
                    l.recent().put(entry);
                    return new Lookup(entry, false);
                }
            }
        }
        return new Lookup(null, unknownPart);
    }

    /** The entry at a 1-based position in natural order; empty when out of range. */
    public Optional<IndexedEntry> atPosition(long position) throws IndexException {
        return read(c -> atPosition(c, layout(c), position));
    }

    /** The hashes before and after an entry in natural order, wrapping around. */
    public record Neighbours(String previous, String next) {
    }

    /** Both neighbours in one read of the index: the viewer and the API need them together. */
    public Neighbours neighbours(IndexedEntry entry) throws IndexException {
        return read(c -> {
            IndexLayout l = layout(c);
            return new Neighbours(hashOr(previous(c, l, entry), entry), hashOr(next(c, l, entry), entry));
        });
    }

    /**
     * The hashes before and after an entry in the shuffled order of {@code seed} over the whole
     * index ({@link Shuffle}): every file once before any comes again; a change to the index
     * shuffles anew.
     */
    public Neighbours shuffledNeighbours(IndexedEntry entry, long seed) throws IndexException {
        return read(c -> {
            IndexLayout l = layout(c);
            long total = l.total();
            if (total == 0 || entry.position() > total) {
                return new Neighbours(entry.hash(), entry.hash());
            }
            Shuffle shuffle = new Shuffle(seed, total);
            long step = shuffle.stepOf(entry.position() - 1);
            return new Neighbours(hashOr(atPosition(c, l, 1 + shuffle.at((step + total - 1) % total)), entry),
                    hashOr(atPosition(c, l, 1 + shuffle.at((step + 1) % total)), entry));
        });
    }

    public Optional<IndexedEntry> next(IndexedEntry entry) throws IndexException {
        return read(c -> next(c, layout(c), entry));
    }

    public Optional<IndexedEntry> previous(IndexedEntry entry) throws IndexException {
        return read(c -> previous(c, layout(c), entry));
    }

    private Optional<IndexedEntry> next(ReadSession c, IndexLayout l, IndexedEntry entry) throws SQLException {
        return l.total() == 0 ? Optional.empty() : atPosition(c, l, entry.position() % l.total() + 1);
    }

    private Optional<IndexedEntry> previous(ReadSession c, IndexLayout l, IndexedEntry entry) throws SQLException {
        long total = l.total();
        return total == 0 ? Optional.empty()
                : atPosition(c, l, entry.position() <= 1 || entry.position() > total ? total : entry.position() - 1);
    }

    private static String hashOr(Optional<IndexedEntry> found, IndexedEntry fallback) {
        return found.map(IndexedEntry::hash).orElse(fallback.hash());
    }

    /**
     * A source as the library page shows it: its own name (the folder's or archive's, never its
     * full path), how many files it has, its first file, whose thumbnail is its cover, and the
     * hash of its page.
     */
    public record LibrarySource(String name, SourceKind kind, long files, IndexedEntry first, String hash) {
    }

    /** The sources that hold files, in natural order, in one read of the index. */
    public List<LibrarySource> library() throws IndexException {
        return read(c -> {
            IndexLayout l = layout(c);
            List<LibrarySource> sources = new ArrayList<>();
            for (IndexLayout.SourceSpan span : l.sourceSpans()) {
                if (span.count() > 0) {
                    Optional<IndexedEntry> first = atPosition(c, l, span.first());
                    if (first.isPresent()) {
                        sources.add(new LibrarySource(Path.of(span.path()).getFileName().toString(), span.kind(),
                                span.count(), first.get(), c.hasher(l.salt()).containerHashHex(span.path(), "")));
                    }
                }
            }
            return sources;
        });
    }

    /** A link to a folder or archive: its name and hash. */
    public record Crumb(String name, String hash) {
    }

    /** A sub-folder or archive as a card: name, hash, files under it at any depth, and its first file (its cover). */
    public record Card(String name, boolean archive, String hash, long files, IndexedEntry cover) {
    }

    /**
     * A folder or archive as its page shows it.
     *
     * @param trail    the folders above it, from its source down
     * @param children its sub-folders and archives, in natural order
     * @param files    how many files are directly in it
     */
    public record Folder(String hash, String name, boolean archive, List<Crumb> trail, List<Card> children,
                         long files) {
    }

    /**
     * The folder or archive with this hash; empty for an unknown or malformed hash. This read and
     * the two below take the layout of the generation current now, not a recently checked one: the
     * containers table they read is always current.
     */
    public Optional<Folder> folder(String hex) throws IndexException {
        return inContainer(hex, (c, l, found) -> {
            IndexLayout.SourceSpan span = l.spanOf(found.sourceId());
            Container k = found.container();
            EntryHasher hasher = c.hasher(l.salt());
            List<Crumb> trail = new ArrayList<>();
            if (!k.path().isEmpty()) {
                trail.add(new Crumb(Path.of(span.path()).getFileName().toString(), hasher.containerHashHex(span.path(), "")));
                for (int slash = k.path().indexOf('/'); slash >= 0; slash = k.path().indexOf('/', slash + 1)) {
                    String above = k.path().substring(0, slash);
                    trail.add(new Crumb(above.substring(above.lastIndexOf('/') + 1), hasher.containerHashHex(span.path(), above)));
                }
            }
            List<Card> children = new ArrayList<>();
            PreparedStatement ps = childrenFrom(c, found.sourceId(), k.path(), 0);
            for (ContainerTable.Found child : ContainerTable.all(ps)) {
                Container ck = child.container();
                Optional<IndexedEntry> cover = atPosition(c, l, span.first() + ck.firstRank());
                if (cover.isPresent()) {
                    children.add(new Card(ck.name(span.path()), ck.kind() == Container.Kind.ARCHIVE,
                            hasher.containerHashHex(span.path(), ck.path()), ck.entryCount(), cover.get()));
                }
            }
            return new Folder(hex, k.name(span.path()), k.kind() == Container.Kind.ARCHIVE, trail, children,
                    k.files());
        });
    }

    /**
     * Up to {@code limit} of the files directly in a folder or archive, from the {@code offset}-th
     * (0-based) on, in natural order (none past its end); empty for an unknown or malformed hash.
     * Two indexed reads find where to start, at any offset in a folder of any size, then one per file.
     */
    public Optional<List<IndexedEntry>> files(String hex, long offset, int limit) throws IndexException {
        return inContainer(hex, (c, l, found) -> {
            if (offset < 0 || limit <= 0 || offset >= found.container().files()) {
                return List.of();
            }
            IndexLayout.SourceSpan span = l.spanOf(found.sourceId());
            Container k = found.container();
            // The last sub-folder or archive before the file: the file's rank is past it by the files between.
            PreparedStatement before = c.statement(ContainerTable.CHILD_AFTER_FILES);
            before.setInt(1, found.sourceId());
            before.setString(2, k.path());
            before.setLong(3, offset);
            Container child = ContainerTable.one(before).map(ContainerTable.Found::container).orElse(null);
            long rank = child == null ? k.firstRank() + offset
                    : child.firstRank() + child.entryCount() + (offset - child.filesBefore());
            long end = (long) k.firstRank() + k.entryCount();
            List<IndexedEntry> files = new ArrayList<>((int) Math.min(limit, k.files() - offset));
            PreparedStatement ps = childrenFrom(c, found.sourceId(), k.path(), rank);
            try (ResultSet children = ps.executeQuery()) {
                Container next = children.next() ? ContainerTable.read(children).container() : null;
                while (files.size() < limit && rank < end) {
                    if (next != null && next.firstRank() == rank) {
                        rank += next.entryCount();
                        next = children.next() ? ContainerTable.read(children).container() : null;
                    } else {
                        atPosition(c, l, span.first() + rank).ifPresent(files::add);
                        rank++;
                    }
                }
            }
            return files;
        });
    }

    private interface ContainerRead<T> {
        T apply(ReadSession session, IndexLayout layout, ContainerTable.Found container) throws SQLException;
    }

    /** A read of the folder or archive with this hash, under the current layout; empty for an unknown or malformed hash. */
    private <T> Optional<T> inContainer(String hex, ContainerRead<T> read) throws IndexException {
        byte[] hash = EntryHasher.parse(hex);
        if (hash == null) {
            return Optional.empty();
        }
        return read(c -> {
            IndexLayout l = freshLayout(c);
            ContainerTable.Found found = containerByHash(c, l, hash);
            return found == null ? Optional.empty() : Optional.of(read.apply(c, l, found));
        });
    }

    /**
     * Where a file is in its folder or archive: the container's hash, the file's 1-based place
     * among the files directly in it, and their number (both 0 while its source's first index is
     * under way and the container is not written yet).
     */
    public record Place(String containerHash, long position, long files) {
    }

    public Place place(IndexedEntry entry) throws IndexException {
        return read(c -> {
            IndexLayout l = freshLayout(c);
            byte[] hash = c.hasher(l.salt()).containerHash(entry.sourcePath(), entry.containerPath());
            String hex = HexFormat.of().formatHex(hash);
            ContainerTable.Found found = containerByHash(c, l, hash);
            if (found == null) {
                return new Place(hex, 0, 0);
            }
            Container k = found.container();
            long rank = entry.position() - l.spanOf(found.sourceId()).first();
            PreparedStatement before = c.statement(ContainerTable.CHILD_BEFORE);
            before.setInt(1, found.sourceId());
            before.setString(2, k.path());
            before.setLong(3, rank);
            Container child = ContainerTable.one(before).map(ContainerTable.Found::container).orElse(null);
            long index = child == null ? rank - k.firstRank()
                    : child.filesBefore() + rank - ((long) child.firstRank() + child.entryCount());
            return new Place(hex, index + 1, k.files());
        });
    }

    /** The container with this hash, of a source this layout knows; null if none. */
    private static ContainerTable.Found containerByHash(ReadSession c, IndexLayout l, byte[] hash) throws SQLException {
        PreparedStatement ps = c.statement(ContainerTable.BY_HASH);
        ps.setLong(1, EntryHasher.keyOf(hash));
        for (ContainerTable.Found found : ContainerTable.all(ps)) {
            IndexLayout.SourceSpan span = l.spanOf(found.sourceId());
            // Eight bytes select the row; the full hash, recomputed, must match too.
            if (span != null && Arrays.equals(hash, c.hasher(l.salt()).containerHash(span.path(), found.container().path()))) {
                return found;
            }
        }
        return null;
    }

    private static PreparedStatement childrenFrom(ReadSession c, int sourceId, String parent, long rank)
            throws SQLException {
        PreparedStatement ps = c.statement(ContainerTable.CHILDREN_FROM);
        ps.setInt(1, sourceId);
        ps.setString(2, parent);
        ps.setLong(3, rank);
        return ps;
    }

    /** A file picked uniformly over the whole index; empty when the index is empty. */
    public Optional<IndexedEntry> random() throws IndexException {
        return read(c -> {
            IndexLayout l = layout(c);
            return l.total() == 0 ? Optional.empty()
                    : atPosition(c, l, 1 + ThreadLocalRandom.current().nextLong(l.total()));
        });
    }

    private Optional<IndexedEntry> atPosition(ReadSession c, IndexLayout l, long position) throws SQLException {
        if (position < 1 || position > l.total()) {
            return Optional.empty();
        }
        int slot = l.slotAt(position);
        c.byPos.setLong(1, EntryPos.of(l.partId(slot), (int) (position - l.entriesBefore(slot))));
        try (ResultSet rs = c.byPos.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String hash = c.hasher(l.salt()).hashHex(l.sourcePath(slot), rs.getString(10), rs.getString(2));
            return Optional.of(entry(l, slot, rs, hash));
        }
    }

    /** The entry of a row of {@link ReadSession#ENTRY_BY_POS}. */
    private IndexedEntry entry(IndexLayout l, int slot, ResultSet rs, String hash) throws SQLException {
        String archive = rs.getString(10);
        return new IndexedEntry(
                hash,
                l.entriesBefore(slot) + EntryPos.seq(rs.getLong(1)),
                l.sourcePath(slot),
                paths.apply(l.sourcePath(slot)),
                l.kind(slot),
                archive,
                archive != null ? rs.getLong(11) : l.sourceSize(slot),
                archive != null ? rs.getLong(12) : l.sourceMtime(slot),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                EntryTable.storage(rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
    }

    /**
     * The current layout. Whether another writer has committed since it was built is asked
     * of H2 at most every {@link #RECHECK_NANOS}, not at every request, where it showed in profiles.
     */
    private IndexLayout layout(ReadSession c) throws SQLException {
        IndexLayout current = recentlyCheckedLayout();
        return current != null ? current : freshLayout(c);
    }

    /** The layout if its generation was confirmed within the last {@link #RECHECK_NANOS}, else null. */
    private IndexLayout recentlyCheckedLayout() {
        return nanoTime.getAsLong() - checkedAt < RECHECK_NANOS ? layout : null;
    }

    /** The layout of the index's current generation, rebuilt if another writer has committed. */
    private IndexLayout freshLayout(ReadSession c) throws SQLException {
        long checked = nanoTime.getAsLong();
        long generation = c.generation();
        IndexLayout current = layout;
        if (current == null || current.generation() != generation) {
            synchronized (this) {
                current = layout;
                if (current == null || current.generation() != generation) {
                    current = new IndexLayout(SourceTable.allWithParts(c.connection), generation,
                            Settings.get(c.connection, Settings.SALT).orElse(""));
                    layout = current;
                }
            }
        }
        checkedAt = checked;
        return current;
    }

    private interface Read<T> {
        T apply(ReadSession session) throws SQLException;
    }

    /**
     * Runs a read on a pooled session; a session that failed is closed rather than reused. Only
     * sessions of an H2 file are kept here: a server's connections go back to their pool, which
     * holds few (each is a process on the server), and keeps the statements they prepared.
     */
    private <T> T read(Read<T> read) throws IndexException {
        ReadSession session = null;
        try {
            session = sessions.poll();
            if (session == null) {
                session = new ReadSession(db.connection());
            }
            T result = read.apply(session);
            if (db.isClosed() || !db.isFile() || !sessions.offer(session)) {
                session.close();
            }
            return result;
        } catch (SQLException e) {
            closeQuietly(session);
            throw new IndexException("cannot read the index: " + IndexDatabase.rootMessage(e), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Closes the pooled sessions; reads after this open new ones (closing the index closes them too). */
    @Override
    public void close() {
        for (ReadSession session = sessions.poll(); session != null; session = sessions.poll()) {
            closeQuietly(session);
        }
    }

    private static void closeQuietly(ReadSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // already failing; the original error is what matters
            }
        }
    }
}
