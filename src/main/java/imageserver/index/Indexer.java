package imageserver.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import imageserver.source.ArchiveStamp;
import imageserver.source.DirectoryScanner;
import imageserver.source.FileSelection;
import imageserver.source.FolderScan;
import imageserver.source.FolderScanner;
import imageserver.source.NestedArchive;
import imageserver.source.ScanException;
import imageserver.source.ScannedFile;
import imageserver.source.SourceKind;
import imageserver.source.SourceScan;
import imageserver.source.ZipScanner;

/**
 * The scan loop: sources are scanned in parallel (pure reads that return values), and one
 * writer reconciles each scan with the index in its own transaction, in the order given.
 * A source that cannot be read keeps what the index held for it.
 */
public final class Indexer {
    private final IndexDatabase db;
    private final String salt;
    private final IndexListener listener;
    /** Rows that finished scans may hold while they wait for the writer (~10 MB) before more start. */
    private static final long HELD_ROWS = 30_000;
    /** Rows per transaction of a source's first index, so that an interrupted one keeps what it wrote. */
    static final int FIRST_INDEX_CHUNK = 5_000;
    private final int scanThreads;
    private final DirectoryScanner directories = new DirectoryScanner();
    private final ZipScanner archives = new ZipScanner();
    private final FolderScanner folders = new FolderScanner();

    public Indexer(IndexDatabase db, String salt, IndexListener listener) {
        this.db = db;
        this.salt = salt;
        this.listener = listener;
        this.scanThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Rescans every source the index already holds, each with the files it was indexed with. */
    public IndexSummary reindexAll() throws IndexException {
        try (Connection c = db.connection()) {
            return rescan(SourceTable.all(c).stream().map(s -> Path.of(s.path())).toList());
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    /**
     * Rescans those of {@code sources} the index holds, each with the files it was indexed with;
     * a source another process removed meanwhile stays removed.
     */
    public IndexSummary rescan(List<Path> sources) throws IndexException {
        return run(sources, FileSelection.MEDIA, false);
    }

    /** Indexes the given sources (absolute, normalised paths) incrementally, taking media files by default. */
    public IndexSummary index(List<Path> sources) throws IndexException {
        return index(sources, FileSelection.MEDIA);
    }

    /**
     * Indexes the given sources (absolute, normalised paths) incrementally, taking the files
     * {@code selection} takes; a source once indexed with every file keeps them all.
     */
    public IndexSummary index(List<Path> sources, FileSelection selection) throws IndexException {
        return run(sources, selection, true);
    }

    private IndexSummary run(List<Path> sources, FileSelection selection, boolean addNew) throws IndexException {
        Instant start = Instant.now();
        List<Path> unique = List.copyOf(new LinkedHashSet<>(sources));
        listener.started(unique.size());
        Counters counters = new Counters();
        // Fork/join, so that a folder's scan spreads its subfolders over the threads ZIP scans leave idle.
        ExecutorService pool = new ForkJoinPool(scanThreads, forkJoinPool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
            t.setName("scan");
            return t;
        }, null, false);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Settings.waitForOtherWriters(c);
            Settings.put(c, Settings.INDEXING, Long.toString(ProcessHandle.current().pid()));
            c.commit();
            try {
                LookupRebuild.repairIfStale(c, db.workFolder());
                LookupUpkeep lookup = new LookupUpkeep(EntryTable.count(c));
                scanAndWrite(c, unique, selection, addNew, pool, counters, lookup);
                lookup.finish(c);
                SourceTable.recordUnchanged(c, counters.unchangedSources, Instant.now());
                Settings.put(c, Settings.LAST_COMPLETE_SCAN, Instant.now().toString());
                c.commit();
            } finally {
                Settings.remove(c, Settings.INDEXING);
                c.commit();
            }
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        } finally {
            pool.shutdownNow();
        }
        IndexSummary summary = counters.summary(unique.size(), Duration.between(start, Instant.now()));
        listener.finished(summary);
        return summary;
    }

    private void scanAndWrite(Connection c, List<Path> unique, FileSelection requested, boolean addNew,
                              ExecutorService pool, Counters counters, LookupUpkeep lookup)
            throws SQLException, IndexException {
        Iterator<Path> paths = unique.iterator();
        ScanAhead<Scan> scans = new ScanAhead<>(pool, scanThreads + 1, HELD_ROWS, Scan::heldRows, () -> {
            Next next = nextSource(c, paths, addNew);
            if (next == null) {
                return null;
            }
            Path source = next.path();
            SourceRecord known = next.known();
            FileSelection selection = requested.allFiles() || known != null && known.allFiles()
                    ? FileSelection.ALL_FILES : FileSelection.MEDIA;
            SourceRecord stored = known != null ? known : recordNew(c, source, selection);
            // An interrupted first index may have written part of an archive: all are read again.
            Map<String, ArchiveStamp> indexedArchives = stored == null || stored.state() == SourceState.INCOMPLETE
                    ? Map.of() : ArchiveTable.stamps(ArchiveTable.forSource(c, stored.id()));
            return () -> scan(source, stored, selection, indexedArchives);
        });
        for (Scan scan = await(scans); scan != null; scan = await(scans)) {
            // Decided before writing, so that one huge source is loaded in bulk too.
            lookup.consider(c, counters.added + scan.newRows());
            write(c, scan, counters, lookup);
        }
    }

    /** A source of the run, with what the index holds for it (null: a new one). */
    private record Next(Path path, SourceRecord known) {
    }

    /** The run's next source, or null at the end; a rescan passes over sources the index no longer holds. */
    private static Next nextSource(Connection c, Iterator<Path> paths, boolean addNew) throws SQLException {
        while (paths.hasNext()) {
            Path path = paths.next();
            SourceRecord known = SourceTable.find(c, path.toString()).orElse(null);
            if (known != null || addNew) {
                return new Next(path, known);
            }
        }
        return null;
    }

    /**
     * A new source is recorded before it is scanned, as incomplete, so that an interrupted first
     * index leaves it known (and the next run finishes it); null if it is not a folder or archive.
     */
    private static SourceRecord recordNew(Connection c, Path path, FileSelection selection) throws SQLException {
        Optional<SourceKind> kind = SourceKind.of(path);
        if (kind.isEmpty()) {
            return null;
        }
        SourceTable.insert(c, path.toString(), kind.get(), selection.allFiles());
        c.commit();
        return SourceTable.find(c, path.toString()).orElseThrow();
    }

    // ---- scanning: no database access, runs on the pool ----

    /** The outcome of scanning one source, before the writer reconciles it. */
    private sealed interface Scan {
        Path path();

        SourceRecord stored();

        /** About how many rows writing this scan adds to the index. */
        default long newRows() {
            return 0;
        }

        /** How many rows this scan holds in memory until it is written. */
        default long heldRows() {
            return 0;
        }
    }

    private record Unchanged(Path path, SourceRecord stored) implements Scan {
    }

    /**
     * An archive whose size or mtime changed while its listing did not (touched, copied back):
     * its new size and mtime are recorded, so that the next run need not read it again.
     */
    private record Retouched(Path path, SourceRecord stored, long size, long mtime) implements Scan {
    }

    private record Failed(Path path, SourceRecord stored, String reason, Throwable cause) implements Scan {
    }

    /**
     * A source read, with its rows in natural order; {@code archives} are those inside a folder,
     * the entries of the ones not read again are still to be merged from the index.
     */
    private record Scanned(Path path, SourceRecord stored, SourceKind kind, FileSelection selection, long size,
                           long mtime, SourceScan scan, List<NestedArchive> archives, List<EntryRow> rows)
            implements Scan {
        @Override
        public long newRows() {
            return Math.max(0, rows.size() - stored.entryCount());
        }

        @Override
        public long heldRows() {
            return rows.size();
        }
    }

    private Scan scan(Path path, SourceRecord stored, FileSelection selection, Map<String, ArchiveStamp> indexedArchives) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            SourceKind kind = SourceKind.of(path).orElse(null);
            if (kind == null) {
                return new Failed(path, stored, "not a folder or a .zip/.cbz archive", null);
            }
            if (stored == null) {
                // Not there when the run recorded its new sources, there now: the next run takes it.
                return new Failed(path, null, "no such file or folder", null);
            }
            boolean wasOk = stored.state() == SourceState.OK && stored.kind() == kind
                    && stored.allFiles() == selection.allFiles();
            long size = kind == SourceKind.ZIP ? attrs.size() : 0;
            long mtime = kind == SourceKind.ZIP ? attrs.lastModifiedTime().toMillis() : 0;
            if (kind == SourceKind.ZIP && wasOk && stored.size() == size && stored.mtime() == mtime) {
                return new Unchanged(path, stored);
            }
            SourceScan scan = kind == SourceKind.ZIP ? archives.scan(path, selection) : directories.scan(path, selection);
            if (looksUnmounted(kind, stored, scan)) {
                return new Failed(path, stored, "the folder is empty now (unmounted?); its " + stored.entryCount()
                        + " files stay in the index (forget them with: image-server remove " + path + ")", null);
            }
            List<NestedArchive> nested = List.of();
            if (kind == SourceKind.DIRECTORY) {
                // A folder's fingerprint covers every file listed, so nothing changed if it did not.
                if (wasOk && stored.fingerprint() == scan.fingerprint()) {
                    return new Unchanged(path, stored);
                }
                FolderScan contents = folders.scan(path, scan, selection, indexedArchives);
                scan = contents.scan();
                nested = contents.archives();
            } else if (wasOk && stored.fingerprint() == scan.fingerprint() && stored.entryCount() == scan.files().size()) {
                return new Retouched(path, stored, size, mtime);
            }
            return new Scanned(path, stored, kind, selection, size, mtime, scan, nested, plan(path, scan.files()));
        } catch (NoSuchFileException e) {
            return new Failed(path, stored, "no such file or folder", e);
        } catch (java.nio.file.AccessDeniedException e) {
            return new Failed(path, stored, "permission denied", e);
        } catch (ScanException e) {
            return new Failed(path, stored, e.getMessage(), e);
        } catch (java.nio.file.FileSystemException e) {
            return new Failed(path, stored, "cannot be read: " + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
        } catch (IOException e) {
            return new Failed(path, stored, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return new Failed(path, stored, "could not be indexed because of an internal error (--verbose shows it)", e);
        }
    }

    /**
     * An unmounted disk leaves an empty mount-point folder behind: a folder that held files
     * and now has none is treated as offline rather than emptied, so nothing is lost.
     */
    private static boolean looksUnmounted(SourceKind kind, SourceRecord stored, SourceScan scan) {
        return kind == SourceKind.DIRECTORY && stored != null && stored.entryCount() > 0 && scan.files().isEmpty();
    }

    /** Puts the files in natural order and computes their hash keys. */
    private List<EntryRow> plan(Path source, List<ScannedFile> files) {
        List<ScannedFile> sorted = new ArrayList<>(files);
        sorted.sort(IN_ORDER);
        EntryHasher hasher = new EntryHasher(salt);
        String sourcePath = source.toString();
        List<EntryRow> rows = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ScannedFile file = sorted.get(i);
            rows.add(new EntryRow(0, hasher.key(sourcePath, file.archive(), file.path()), file));
        }
        return rows;
    }

    /** Natural order of path inside the source: an archive's entries take its place among its siblings. */
    private static final Comparator<ScannedFile> IN_ORDER = (a, b) -> NaturalOrder.INSTANCE.compare(a.path(), b.path());

    private static Scan await(ScanAhead<Scan> scans) throws SQLException, IndexException {
        try {
            return scans.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("indexing was interrupted", e);
        } catch (SQLException | IndexException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IndexException("scan failed: " + e, e);
        }
    }

    // ---- writing: one transaction per source, or per chunk of a first index ----

    private void write(Connection c, Scan scan, Counters counters, LookupUpkeep lookup) throws SQLException {
        Instant now = Instant.now();
        switch (scan) {
            case Unchanged u -> {
                counters.unchanged += u.stored().entryCount();
                counters.unchangedSources.add(u.stored().id());
                listener.sourceDone(u.path(), u.stored().entryCount());
            }
            case Retouched r -> {
                SourceRecord stored = r.stored();
                Settings.lockWriters(c);
                SourceRecord current = SourceTable.byId(c, stored.id()).orElse(null);
                if (current != null && current.fingerprint() == stored.fingerprint()
                        && current.entryCount() == stored.entryCount()) {
                    SourceTable.recordScan(c, stored.id(), SourceKind.ZIP, stored.allFiles(), r.size(), r.mtime(),
                            stored.fingerprint(), stored.entryCount(), stored.skipped(), now, false);
                    // Servers read an archive's size and mtime (its entries' ETags).
                    Settings.bumpGeneration(c);
                }
                // Else another process rewrote or removed it meanwhile, and its record stands.
                c.commit();
                counters.unchanged += stored.entryCount();
                listener.sourceDone(r.path(), stored.entryCount());
            }
            case Failed f -> {
                counters.failed++;
                if (isNewAndEmpty(f.stored())) {
                    // A source whose first scan failed at once was never indexed: it is not kept.
                    ArchiveTable.deleteSource(c, f.stored().id());
                    SourceTable.delete(c, f.stored().id());
                    c.commit();
                } else if (f.stored() != null) {
                    Settings.lockWriters(c);
                    SourceTable.recordFailure(c, f.stored().id(), f.reason(), now);
                    // Servers count sources by state (health) in the layout a new generation rebuilds.
                    Settings.bumpGeneration(c);
                    c.commit();
                }
                listener.sourceFailed(f.path(), f.reason(), f.cause());
            }
            case Scanned s -> {
                try {
                    if (s.stored().state() == SourceState.INCOMPLETE) {
                        writeFirstIndex(c, s, now, counters, lookup);
                    } else {
                        writeWhole(c, s, now, counters, lookup);
                    }
                } catch (SQLException e) {
                    if (!refusesTheData(e)) {
                        throw e;
                    }
                    c.rollback();
                    // The transaction was rolled back: the source keeps what the index held, like one that cannot be read.
                    write(c, new Failed(s.path(), s.stored(), "the index cannot hold it: " + IndexDatabase.rootMessage(e), e),
                            counters, lookup);
                }
            }
        }
    }

    /**
     * Whether the database refused what a source holds rather than failed (a path longer than
     * PostgreSQL can index): SQL states of class 22, data exception, and 54, a limit exceeded.
     */
    private static boolean refusesTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("54"));
    }

    /** A known source's changes, in one transaction: its rows may move, and a reader must never see half of it. */
    private void writeWhole(Connection c, Scanned s, Instant now, Counters counters, LookupUpkeep lookup)
            throws SQLException {
        int id = s.stored().id();
        int[] entries = new int[1];
        try {
            commit(c, lookup, edits -> {
                // Read once the writers' lock is held: what another process committed is in it.
                requireKnown(c, id);
                Map<String, ArchiveTable.Stored> archives = ArchiveTable.forSource(c, id);
                Map<String, EntryRow> held = EntryTable.forSource(c, id, ArchiveTable.pathsById(archives));
                List<EntryRow> rows = withKeptArchives(s, held);
                reconcile(c, s, rows, held, archives, now, counters, edits);
                entries[0] = rows.size();
            });
        } catch (Removed removed) {
            return;
        }
        reportFailedArchives(s, counters);
        listener.sourceDone(s.path(), entries[0]);
    }

    /** The source was removed by another process while this run scanned it: nothing is written for it. */
    private static final class Removed extends RuntimeException {
        Removed() {
            super(null, null, false, false);
        }
    }

    /** Its first index went on in another process while this run scanned it: this run reconciles it whole. */
    private static final class WrittenMeanwhile extends RuntimeException {
        WrittenMeanwhile() {
            super(null, null, false, false);
        }
    }

    private static SourceRecord requireKnown(Connection c, int id) throws SQLException {
        return SourceTable.byId(c, id).orElseThrow(Removed::new);
    }

    /**
     * The scan's rows and the held rows of the archives it did not read again (unchanged, or
     * unreadable now), in natural order, none placed yet.
     */
    private static List<EntryRow> withKeptArchives(Scanned s, Map<String, EntryRow> held) {
        Set<String> kept = new HashSet<>();
        for (NestedArchive archive : s.archives()) {
            if (archive.keepsIndexedEntries()) {
                kept.add(archive.path());
            }
        }
        if (kept.isEmpty()) {
            return s.rows();
        }
        List<EntryRow> merged = new ArrayList<>(s.rows());
        for (EntryRow row : held.values()) {
            if (row.file().archive() != null && kept.contains(row.file().archive())) {
                merged.add(row.at(0));
            }
        }
        merged.sort(Comparator.comparing(EntryRow::file, IN_ORDER));
        return merged;
    }

    /** An archive inside a folder that could not be read is reported by its path, like a source. */
    private void reportFailedArchives(Scanned s, Counters counters) {
        for (NestedArchive archive : s.archives()) {
            if (archive.state() == NestedArchive.State.FAILED) {
                counters.failed++;
                listener.sourceFailed(s.path().resolve(archive.path()), archive.failure(), archive.cause());
            }
        }
    }

    /** Writes to the entries, recording their effect on the lookup by hash. */
    private interface EntryWrites {
        void into(LookupEdits edits) throws SQLException;
    }

    /**
     * One transaction of entry writes, holding the writers' lock, with its lookup edits and a new
     * generation; rolled back if it fails.
     */
    private static void commit(Connection c, LookupUpkeep lookup, EntryWrites writes) throws SQLException {
        LookupEdits edits = new LookupEdits();
        try {
            Settings.lockWriters(c);
            writes.into(edits);
            lookup.beforeCommit(c, edits);
            Settings.bumpGeneration(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        lookup.afterCommit(c, edits);
    }

    private static boolean isNewAndEmpty(SourceRecord stored) {
        return stored != null && stored.state() == SourceState.INCOMPLETE && stored.entryCount() == 0;
    }

    /**
     * A source's first index, or the rest of one that was interrupted: its rows are inserted in
     * natural order, {@value #FIRST_INDEX_CHUNK} per transaction, each committed with the source's
     * count, so that servers see it fill up and an interrupted run keeps what it wrote. Rows
     * already written must be the start of the new listing; if the source changed meanwhile, it
     * is reconciled as a whole instead.
     */
    private void writeFirstIndex(Connection c, Scanned s, Instant now, Counters counters, LookupUpkeep lookup)
            throws SQLException {
        int id = s.stored().id();
        List<EntryRow> rows = s.rows();
        Map<String, Integer> archiveIds = new HashMap<>();
        // Its folders and archives are written with each chunk's rows: those complete and those still filling up.
        ContainerPlan containers = new ContainerPlan(s.stored().path(), s.kind(), new EntryHasher(salt));
        int[] planned = {0};
        // The rows already written are known once the first transaction holds the writers' lock.
        int written = -1;
        do {
            boolean first = written < 0;
            int expected = written;
            int[] chunk = new int[2];
            try {
                commit(c, lookup, edits -> {
                    SourceRecord current = requireKnown(c, id);
                    int from = current.entryCount();
                    if (current.state() != SourceState.INCOMPLETE || !first && from != expected) {
                        throw new WrittenMeanwhile();
                    }
                    if (first) {
                        Map<String, ArchiveTable.Stored> stored = ArchiveTable.forSource(c, id);
                        if (from > 0 && !EntryTable.holdsStartOf(c, id, rows, from, ArchiveTable.pathsById(stored))) {
                            throw new WrittenMeanwhile();
                        }
                        // Every archive was read (none is kept from an incomplete source): each is written now.
                        archiveIds.putAll(ArchiveTable.record(c, id, s.archives(), stored, entriesByArchive(rows)));
                    }
                    int end = Math.min(rows.size(), from + FIRST_INDEX_CHUNK);
                    List<Part> parts = PartTable.forSource(c, id);
                    PartTable.Ids ids = PartTable.Ids.read(c);
                    PartPlan.Placement placement =
                            PartPlan.append(parts.isEmpty() ? null : parts.getLast(), end - from, ids);
                    List<EntryRow> placed = new ArrayList<>(end - from);
                    for (int i = from; i < end; i++) {
                        placed.add(rows.get(i).at(placement.positions()[i - from]));
                    }
                    EntryTable.insert(c, placed, archiveIds, edits);
                    for (; planned[0] < end; planned[0]++) {
                        containers.add(rows.get(planned[0]).file());
                    }
                    if (end == rows.size()) {
                        containers.finish();
                    }
                    List<Container> filled = containers.drainClosed();
                    filled.addAll(containers.openSoFar());
                    ContainerTable.merge(c, id, filled);
                    PartTable.write(c, id, placement.parts());
                    ids.save(c);
                    if (end < rows.size()) {
                        SourceTable.recordProgress(c, id, end);
                    } else {
                        recordScanned(c, id, s, rows.size(), s.scan().skipped(), now);
                    }
                    chunk[0] = from;
                    chunk[1] = end;
                });
            } catch (Removed removed) {
                return;
            } catch (WrittenMeanwhile changed) {
                writeWhole(c, s, now, counters, lookup);
                return;
            }
            written = chunk[1];
            counters.added += chunk[1] - chunk[0];
            if (written < rows.size()) {
                listener.sourceProgress(s.path(), written);
            }
        } while (written < rows.size());
        counters.skipped += s.scan().skipped();
        counters.leftOut += s.scan().leftOut();
        reportFailedArchives(s, counters);
        listener.sourceDone(s.path(), rows.size());
    }

    /** How many of the rows each archive inside the folder holds, by path. */
    private static Map<String, Integer> entriesByArchive(List<EntryRow> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (EntryRow row : rows) {
            if (row.file().archive() != null) {
                counts.merge(row.file().archive(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Makes the source hold {@code rows}: {@code held} (by path) and {@code archives} are what it
     * holds now; rows whose path is held for the same file are updated in place (they keep their hash),
     * and every row is placed in a part ({@link PartPlan}).
     */
    private void reconcile(Connection c, Scanned s, List<EntryRow> rows, Map<String, EntryRow> held,
                           Map<String, ArchiveTable.Stored> archives, Instant now, Counters counters,
                           LookupEdits edits) throws SQLException {
        int id = s.stored().id();
        Map<String, Integer> archiveIds = ArchiveTable.record(c, id, s.archives(), archives, entriesByArchive(rows));
        List<EntryRow> kept = new ArrayList<>(rows.size());
        List<EntryRow> deletes = new ArrayList<>();
        for (EntryRow row : rows) {
            EntryRow old = held.remove(row.file().path());
            if (old != null && !old.sameFile(row.file())) {
                // A folder named like an archive replaced by the archive, or the other way round.
                deletes.add(old);
                old = null;
            }
            kept.add(old);
        }
        deletes.addAll(held.values());
        PartTable.Ids ids = PartTable.Ids.read(c);
        PartPlan.Placement placement = PartPlan.place(rows, kept, ids);
        List<EntryRow> inserts = new ArrayList<>();
        List<EntryTable.Change> changes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            EntryRow row = rows.get(i);
            EntryRow old = kept.get(i);
            long pos = placement.positions()[i];
            if (old == null) {
                inserts.add(row.at(pos));
                continue;
            }
            if (old.sameContent(row.file())) {
                counters.unchanged++;
            } else {
                counters.updated++;
            }
            if (!old.sameContent(row.file()) || old.pos() != pos) {
                changes.add(new EntryTable.Change(old.pos(), new EntryRow(pos, old.hashKey(), row.file())));
            }
        }
        EntryTable.delete(c, deletes, edits);
        EntryTable.update(c, changes, edits);
        EntryTable.insert(c, inserts, archiveIds, edits);
        PartTable.replace(c, id, placement.parts());
        ids.save(c);
        counters.added += inserts.size();
        counters.removed += deletes.size();
        counters.skipped += s.scan().skipped();
        counters.leftOut += s.scan().leftOut();
        int skipped = s.scan().skipped();
        for (NestedArchive archive : s.archives()) {
            ArchiveTable.Stored keptArchive = archive.keepsIndexedEntries() ? archives.get(archive.path()) : null;
            skipped += keptArchive != null ? keptArchive.skipped() : 0;
        }
        ContainerTable.replace(c, id, ContainerPlan.of(s.stored().path(), s.kind(), new EntryHasher(salt),
                rows.stream().map(EntryRow::file).toList()));
        recordScanned(c, id, s, rows.size(), skipped, now);
    }

    /** A source's new state; one with an archive it could not read is read again by the next run. */
    private static void recordScanned(Connection c, int id, Scanned s, int entries, int skipped, Instant now)
            throws SQLException {
        long fingerprint = s.archives().stream().anyMatch(a -> a.state() == NestedArchive.State.FAILED)
                ? 0 : s.scan().fingerprint();
        SourceTable.recordScan(c, id, s.kind(), s.selection().allFiles(), s.size(), s.mtime(), fingerprint,
                entries, skipped, now, true);
    }

    private static final class Counters {
        long added;
        long updated;
        long removed;
        long unchanged;
        long skipped;
        long leftOut;
        int failed;
        /** Found unchanged: their scan time is recorded at the end of the run, all at once. */
        final List<Integer> unchangedSources = new ArrayList<>();

        IndexSummary summary(int sources, Duration elapsed) {
            return new IndexSummary(sources, added, updated, removed, unchanged, skipped, leftOut, failed, elapsed);
        }
    }
}
