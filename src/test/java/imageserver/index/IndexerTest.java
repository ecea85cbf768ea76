package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.source.FileSelection;
import imageserver.source.SourceKind;
import imageserver.source.ZipMethods;
import imageserver.testing.TestDatabase;
import imageserver.testing.TestFiles;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class IndexerTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private IndexLocation location;
    private IndexDatabase db;
    private String salt;

    @BeforeEach
    void open() throws Exception {
        location = database.index(dir);
        db = IndexDatabase.open(location);
        salt = SaltSetting.establish(db, null).salt();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private IndexSummary index(Path... sources) throws IndexException {
        return new Indexer(db, salt, IndexListener.NONE).index(List.of(sources));
    }

    private List<String> namesInOrder() throws IndexException {
        IndexReader reader = new IndexReader(db);
        List<String> names = new ArrayList<>();
        for (long p = 1; p <= reader.total(); p++) {
            names.add(reader.atPosition(p).orElseThrow().path());
        }
        return names;
    }

    @Test
    void directoryFilesAreIndexedRecursivelyInNaturalOrder() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("img10.jpg"), "10");
        TestFiles.write(photos.resolve("img2.jpg"), "2");
        TestFiles.write(photos.resolve("nested/deeper/x.png"), "x");
        TestFiles.write(photos.resolve("été/ünïcødé 日本.webp"), "u");

        IndexSummary summary = index(photos);

        assertEquals(4, summary.added());
        assertEquals(List.of("img2.jpg", "img10.jpg", "nested/deeper/x.png", "été/ünïcødé 日本.webp"), namesInOrder());
        IndexedEntry first = new IndexReader(db).atPosition(1).orElseThrow();
        assertEquals(photos.toString(), first.sourcePath());
        assertEquals(SourceKind.DIRECTORY, first.sourceKind());
        assertEquals("image/jpeg", first.mime());
        assertEquals(1, first.size());
    }

    @Test
    void incrementalRunAddsChangesAndRemovesDirectoryFiles() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        Path b = TestFiles.write(photos.resolve("b.jpg"), "b");
        Path c = TestFiles.write(photos.resolve("c.jpg"), "c");
        index(photos);
        String hashOfB = new IndexReader(db).atPosition(2).orElseThrow().hash();

        Files.delete(c);
        TestFiles.write(b, "bigger b");
        TestFiles.write(photos.resolve("0-new.jpg"), "new");
        IndexSummary summary = index(photos);

        assertEquals(1, summary.added());
        assertEquals(1, summary.updated());
        assertEquals(1, summary.removed());
        assertEquals(1, summary.unchanged());
        assertEquals(List.of("0-new.jpg", "a.jpg", "b.jpg"), namesInOrder());
        IndexedEntry changed = new IndexReader(db).byHash(hashOfB).orElseThrow();
        assertEquals("b.jpg", changed.path());
        assertEquals(8, changed.size());
        assertEquals(3, changed.position());
    }

    @Test
    void rerunWithNothingChangedChangesNothing() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        Path zip = TestFiles.zip().stored("1.jpg", "one").deflated("2.jpg", "two").writeTo(dir.resolve("a.zip"));
        index(photos, zip);

        IndexSummary again = index(photos, zip);

        assertEquals(0, again.added() + again.updated() + again.removed());
        assertEquals(3, again.unchanged());
    }

    /** Zeros of the file's size, with this mtime: what the index holds for it still matches, reading it fails. */
    private static void overwriteWithZerosKeeping(Path file, FileTime mtime) throws java.io.IOException {
        Files.write(file, new byte[(int) Files.size(file)]);
        Files.setLastModifiedTime(file, mtime);
    }

    @Test
    void unchangedZipIsNotReopened() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip"));
        index(zip);
        // Same size and mtime but garbage inside: reading it again would fail.
        overwriteWithZerosKeeping(zip, Files.getLastModifiedTime(zip));

        IndexSummary summary = index(zip);

        assertEquals(0, summary.failed());
        assertEquals(1, summary.unchanged());
    }

    @Test
    void aTouchedZipWhoseListingIsTheSameIsReadOnceNotAtEveryRun() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip"));
        index(zip);
        FileTime touched = FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 60_000);
        Files.setLastModifiedTime(zip, touched);
        assertEquals(1, index(zip).unchanged());

        // The new mtime was recorded: garbage of the same size and mtime is not read again.
        overwriteWithZerosKeeping(zip, touched);
        IndexSummary summary = index(zip);

        assertEquals(0, summary.failed());
        assertEquals(1, summary.unchanged());
    }

    @Test
    void aZipRewrittenWithTheSameNamesSizesAndTimesGetsItsEntriesNewOffsets() throws Exception {
        long time = 1_600_000_000_000L;
        Path zip = TestFiles.zip().at(time).stored("a.jpg", "aaaa").deflated("b.jpg", "bbbb bbbb bbbb")
                .writeTo(dir.resolve("a.zip"));
        index(zip);
        String hashOfA = new IndexReader(db).atPosition(1).orElseThrow().hash();
        // The same listing with the entries in the other order: their data moves in the file.
        TestFiles.zip().at(time).deflated("b.jpg", "bbbb bbbb bbbb").stored("a.jpg", "aaaa").writeTo(zip);
        Files.setLastModifiedTime(zip, FileTime.fromMillis(Files.getLastModifiedTime(zip).toMillis() + 60_000));

        IndexSummary summary = index(zip);

        assertEquals(2, summary.updated());
        IndexedEntry a = new IndexReader(db).byHash(hashOfA).orElseThrow();
        try (org.apache.commons.compress.archivers.zip.ZipFile read =
                     org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            assertEquals(read.getEntry("a.jpg").getDataOffset(), a.storage().dataOffset());
        }
    }

    /** A folder of {@code files} photos, more than one chunk of a first index. */
    private Path bigFolder(int files) throws Exception {
        Path folder = dir.resolve("big");
        for (int i = 0; i < files; i++) {
            TestFiles.write(folder.resolve(String.format("part %d/img%05d.jpg", i / 1000, i)), "x" + i);
        }
        return folder;
    }

    /** Stops a run after the first chunk of a first index is committed, as a kill would. */
    private static final class Interrupted extends RuntimeException {
    }

    @Test
    void anInterruptedFirstIndexKeepsWhatItCommittedAndTheNextRunFinishesIt() throws Exception {
        int files = Indexer.FIRST_INDEX_CHUNK * 2 + 300;
        Path folder = bigFolder(files);
        List<Long> seen = new ArrayList<>();
        IndexReader reader = new IndexReader(db);
        IndexListener stopAfterFirstChunk = new IndexListener() {
            @Override
            public void sourceProgress(Path source, long entries) {
                try {
                    seen.add(reader.total());  // what a server sees meanwhile
                } catch (IndexException e) {
                    throw new IllegalStateException(e);
                }
                throw new Interrupted();
            }
        };

        org.junit.jupiter.api.Assertions.assertThrows(Interrupted.class,
                () -> new Indexer(db, salt, stopAfterFirstChunk).index(List.of(folder)));

        assertEquals(List.of((long) Indexer.FIRST_INDEX_CHUNK), seen, "the first chunk was visible once committed");
        SourceRecord source = new SourceCatalog(db).all().getFirst();
        assertEquals(SourceState.INCOMPLETE, source.state());
        assertEquals(Indexer.FIRST_INDEX_CHUNK, source.entryCount());
        IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).reindexAll();
        assertEquals(files - Indexer.FIRST_INDEX_CHUNK, finish.added());
        SourceRecord done = new SourceCatalog(db).all().getFirst();
        assertEquals(SourceState.OK, done.state());
        assertEquals(files, done.entryCount());
        assertFalse(db.lookupIsStale());
        IndexReader fresh = new IndexReader(db);
        for (long position : List.of(1L, (long) Indexer.FIRST_INDEX_CHUNK, (long) Indexer.FIRST_INDEX_CHUNK + 1, (long) files)) {
            IndexedEntry entry = fresh.atPosition(position).orElseThrow();
            assertEquals(String.format("part %d/img%05d.jpg", (position - 1) / 1000, position - 1), entry.path());
            assertEquals(position, fresh.byHash(entry.hash()).orElseThrow().position());
        }
    }

    @Test
    void anInterruptedFirstIndexWhoseFolderChangedMeanwhileIsReconciledWhole() throws Exception {
        int files = Indexer.FIRST_INDEX_CHUNK + 100;
        Path folder = bigFolder(files);
        IndexListener stop = new IndexListener() {
            @Override
            public void sourceProgress(Path source, long entries) {
                throw new Interrupted();
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(Interrupted.class,
                () -> new Indexer(db, salt, stop).index(List.of(folder)));
        // A file that sorts first: every written row would move.
        TestFiles.write(folder.resolve("part 0/aaa.jpg"), "new");

        IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).reindexAll();

        assertEquals(0, finish.failed());
        assertEquals(files + 1, new IndexReader(db).total());
        assertEquals("part 0/aaa.jpg", new IndexReader(db).atPosition(1).orElseThrow().path());
        assertEquals(SourceState.OK, new SourceCatalog(db).all().getFirst().state());
    }

    @Test
    void theLibraryStateSaysWhenARunCompletedAndWhetherOneIsWritingNow() throws Exception {
        IndexReader reader = new IndexReader(db);
        assertEquals(new LibraryState(0, false, null, 0, 0, 0), reader.state());
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        Instant before = Instant.now();

        index(photos, dir.resolve("gone.zip"));

        LibraryState after = reader.state();
        assertEquals(1, after.files());
        assertFalse(after.indexing());
        assertTrue(!after.lastScan().isBefore(before), after.lastScan() + " after " + before);
        assertEquals(1, after.ok());
        try (java.sql.Connection c = db.connection()) {
            // What a killed run leaves: the id of a process that is gone.
            Settings.put(c, Settings.INDEXING, "2147483647");
            assertFalse(reader.state().indexing());
            Settings.put(c, Settings.INDEXING, Long.toString(ProcessHandle.current().pid()));
            assertTrue(reader.state().indexing());
        }
    }

    @Test
    void aNewSourceWhoseFirstScanFailsIsNotKept() throws Exception {
        Path notZip = TestFiles.write(dir.resolve("fake.zip"), "not a zip");

        IndexSummary summary = index(notZip);

        assertEquals(1, summary.failed());
        assertTrue(new SourceCatalog(db).all().isEmpty());
    }

    @Test
    void junkInsideAnArchiveIsLeftOutAndCountedUnlessAllFiles() throws Exception {
        Path zip = TestFiles.zip()
                .stored("a.jpg", "a")
                .stored("__MACOSX/._a.jpg", "resource fork")
                .stored(".hidden.jpg", "h")
                .stored("notes.txt", "n")
                .writeTo(dir.resolve("book.cbz"));

        IndexSummary media = index(zip);

        assertEquals(1, media.added());
        assertEquals(3, media.leftOut());
        assertEquals(List.of("a.jpg"), namesInOrder());
        IndexSummary all = new Indexer(db, salt, IndexListener.NONE).index(List.of(zip), FileSelection.ALL_FILES);
        assertEquals(3, all.added(), "the same archive, now with every file");
        assertEquals(4, new IndexReader(db).total());
    }

    @Test
    void zipEntriesRecordWhatServingNeeds() throws Exception {
        byte[] stored = TestFiles.bytes(3000, 1);
        byte[] deflated = "deflate me ".repeat(200).getBytes();
        Path zip = TestFiles.zip()
                .directory("chapter/")
                .stored("chapter/p1.jpg", stored)
                .deflated("chapter/p2.png", deflated)
                .deflated("../escape.jpg", "dots")
                .deflated("/absolute.gif", "slash")
                .writeTo(dir.resolve("book.cbz"));

        IndexSummary summary = index(zip);

        assertEquals(4, summary.added());
        assertEquals(1, summary.skipped(), "the directory entry");
        assertEquals(List.of("../escape.jpg", "absolute.gif", "chapter/p1.jpg", "chapter/p2.png"), namesInOrder());
        IndexReader reader = new IndexReader(db);
        IndexedEntry p1 = reader.atPosition(3).orElseThrow();
        assertEquals(ZipMethods.STORED, p1.storage().method());
        assertEquals(stored.length, p1.size());
        byte[] raw = Files.readAllBytes(zip);
        byte[] atOffset = java.util.Arrays.copyOfRange(raw, (int) p1.storage().dataOffset(),
                (int) p1.storage().dataOffset() + stored.length);
        assertTrue(java.util.Arrays.equals(stored, atOffset), "data offset points at the stored bytes");
        IndexedEntry p2 = reader.atPosition(4).orElseThrow();
        assertEquals(ZipMethods.DEFLATED, p2.storage().method());
        assertEquals(deflated.length, p2.size());
        assertTrue(p2.storage().compressedSize() < deflated.length);
    }

    @Test
    void theSameEntryNameInTwoArchivesGetsTwoHashes() throws Exception {
        Path a = TestFiles.zip().stored("001.jpg", "a").writeTo(dir.resolve("a.zip"));
        Path b = TestFiles.zip().stored("001.jpg", "b").writeTo(dir.resolve("b.zip"));
        index(a, b);

        IndexReader reader = new IndexReader(db);
        IndexedEntry first = reader.atPosition(1).orElseThrow();
        IndexedEntry second = reader.atPosition(2).orElseThrow();
        assertEquals(first.path(), second.path());
        assertNotEquals(first.hash(), second.hash());
        assertEquals(a.toString(), reader.byHash(first.hash()).orElseThrow().sourcePath());
        assertEquals(b.toString(), reader.byHash(second.hash()).orElseThrow().sourcePath());
    }

    @Test
    void emptyZipIsASourceWithNoFiles() throws Exception {
        Path empty = TestFiles.zip().writeTo(dir.resolve("empty.zip"));

        IndexSummary summary = index(empty);

        assertEquals(0, summary.failed());
        assertEquals(1, new SourceCatalog(db).all().size());
        assertEquals(0, new IndexReader(db).total());
    }

    @Test
    void unreadableSourcesFailByNameAndTheOthersAreIndexed() throws Exception {
        Path notZip = TestFiles.write(dir.resolve("fake.zip"), "this is not a zip");
        Path good = TestFiles.zip().stored("ok.jpg", "ok").writeTo(dir.resolve("good.zip"));
        Path missing = dir.resolve("missing");
        List<String> failures = new ArrayList<>();
        IndexListener listener = new IndexListener() {
            @Override
            public void sourceFailed(Path source, String reason, Throwable cause) {
                failures.add(source.getFileName() + ": " + reason);
            }
        };

        IndexSummary summary = new Indexer(db, salt, listener).index(List.of(notZip, good, missing));

        assertEquals(2, summary.failed());
        assertEquals(1, summary.added());
        assertEquals(2, failures.size());
        assertEquals("fake.zip: not a readable ZIP archive: it has no end-of-central-directory record (cut short, or not a ZIP)", failures.get(0));
        assertEquals("missing: no such file or folder", failures.get(1));
    }

    @Test
    void truncatedZipKeepsWhatTheIndexHeldForIt() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", TestFiles.bytes(5000, 2)).deflated("2.jpg", "two")
                .writeTo(dir.resolve("a.zip"));
        index(zip);
        String hash = new IndexReader(db).atPosition(1).orElseThrow().hash();
        byte[] whole = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(whole, whole.length / 2));

        IndexSummary summary = index(zip);

        assertEquals(1, summary.failed());
        assertEquals(2, new IndexReader(db).total());
        assertTrue(new IndexReader(db).byHash(hash).isPresent());
        SourceRecord source = new SourceCatalog(db).all().get(0);
        assertEquals(SourceState.FAILED, source.state());
        assertTrue(source.message().startsWith("not a readable ZIP archive"), source.message());
    }

    @Test
    void deletedDirectoryKeepsItsEntriesUntilRemoved() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        index(photos);
        Files.delete(photos.resolve("a.jpg"));
        Files.delete(photos);

        IndexSummary summary = new Indexer(db, salt, IndexListener.NONE).reindexAll();

        assertEquals(1, summary.failed());
        assertEquals(1, new IndexReader(db).total());
        String hash = new IndexReader(db).atPosition(1).orElseThrow().hash();
        assertEquals(Optional.of(1), new SourceCatalog(db).remove(photos.toString()));
        assertEquals(0, new IndexReader(db).total());
        assertTrue(new IndexReader(db).byHash(hash).isEmpty(), "its address is gone with it");
    }

    @Test
    void everyHashIsFoundAfterInsertsShiftTheRestOfAFolder() throws Exception {
        Path photos = dir.resolve("photos");
        for (int i = 0; i < 50; i++) {
            TestFiles.write(photos.resolve("img" + (2 * i + 1) + ".jpg"), "odd " + i);
        }
        index(photos);
        for (int i = 0; i < 50; i++) {
            TestFiles.write(photos.resolve("img" + 2 * i + ".jpg"), "even " + i);
        }
        Files.delete(photos.resolve("img99.jpg"));

        IndexSummary summary = index(photos);

        assertEquals(50, summary.added());
        assertEquals(1, summary.removed());
        IndexReader reader = new IndexReader(db);
        assertEquals(99, reader.total());
        for (long p = 1; p <= 99; p++) {
            IndexedEntry entry = reader.atPosition(p).orElseThrow();
            assertEquals(p, new IndexReader(db).byHash(entry.hash()).orElseThrow().position(), entry.path());
        }
    }

    @Test
    void aSaltChangeKilledBeforeItsKeysWereWrittenIsFinishedByTheNextRepair() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        TestFiles.write(photos.resolve("b.jpg"), "b");
        index(photos);
        String oldHash = new IndexReader(db).atPosition(2).orElseThrow().hash();
        // What SaltSetting commits first: the new salt, and the lookup marked stale.
        try (java.sql.Connection c = db.connection()) {
            c.setAutoCommit(false);
            Settings.put(c, Settings.SALT, "new salt");
            LookupRebuild.markStale(c);
            Settings.bumpGeneration(c);
            c.commit();
        }

        assertTrue(db.repairLookup());

        String newHash = new EntryHasher("new salt").hashHex(photos.toString(), "b.jpg");
        assertEquals(2, new IndexReader(db).byHash(newHash).orElseThrow().position());
        assertTrue(new IndexReader(db).byHash(oldHash).isEmpty());
        // On PostgreSQL the spill goes to the shared temporary folder, where other processes' may be.
        String ours = "lookup-rebuild-" + ProcessHandle.current().pid() + "-";
        try (var left = Files.list(db.workFolder())) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(ours)),
                    "the rebuild's spill files are gone");
        }
    }

    @Test
    void folderThatEmptiedAsIfUnmountedIsOfflineAndKeepsItsEntries() throws Exception {
        Path mountPoint = dir.resolve("disk");
        TestFiles.write(mountPoint.resolve("2019/a.jpg"), "a");
        TestFiles.write(mountPoint.resolve("2019/b.jpg"), "b");
        index(mountPoint);
        // What an unmounted disk leaves behind: the mount point, empty.
        Files.delete(mountPoint.resolve("2019/a.jpg"));
        Files.delete(mountPoint.resolve("2019/b.jpg"));
        Files.delete(mountPoint.resolve("2019"));

        IndexSummary summary = new Indexer(db, salt, IndexListener.NONE).reindexAll();

        assertEquals(1, summary.failed());
        assertEquals(0, summary.removed());
        assertEquals(2, new IndexReader(db).total());
        SourceRecord source = new SourceCatalog(db).all().get(0);
        assertEquals(SourceState.FAILED, source.state());
        assertTrue(source.message().contains("unmounted"), source.message());

        // Mounted again: back online, nothing was lost or rehashed.
        String hashBefore = new IndexReader(db).atPosition(1).orElseThrow().hash();
        TestFiles.write(mountPoint.resolve("2019/a.jpg"), "a");
        TestFiles.write(mountPoint.resolve("2019/b.jpg"), "b");
        assertEquals(0, new Indexer(db, salt, IndexListener.NONE).reindexAll().failed());
        assertEquals(SourceState.OK, new SourceCatalog(db).all().get(0).state());
        assertEquals(hashBefore, new IndexReader(db).atPosition(1).orElseThrow().hash());
    }

    @Test
    void newSaltRehashesEveryEntryWithoutReadingSources() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip"));
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("p.jpg"), "p");
        index(zip, photos);
        String before = new IndexReader(db).atPosition(1).orElseThrow().hash();
        Files.delete(zip);
        Files.delete(photos.resolve("p.jpg"));

        SaltSetting.Outcome outcome = SaltSetting.establish(db, "a new key");

        assertEquals(2, outcome.rehashed());
        IndexReader reader = new IndexReader(db);
        IndexedEntry first = reader.atPosition(1).orElseThrow();
        assertNotEquals(before, first.hash());
        assertEquals(new EntryHasher("a new key").hashHex(zip.toString(), "1.jpg"), first.hash());
        assertTrue(reader.byHash(first.hash()).isPresent());
        assertTrue(reader.byHash(before).isEmpty());
        assertEquals(0, SaltSetting.establish(db, "a new key").rehashed());
    }

    @Test
    void aFolderPathTooLongForTheDatabaseFailsItsSourceByNameAndTheOthersAreIndexed() throws Exception {
        // 14 folders of 200 random letters: 2,800 bytes, past the longest key PostgreSQL indexes (2,704); H2 takes it.
        java.util.Random random = new java.util.Random(1);
        Path deep = dir.resolve("deep");
        Path folder = deep;
        for (int i = 0; i < 14; i++) {
            StringBuilder name = new StringBuilder();
            random.ints(200, 'a', 'z' + 1).forEach(ch -> name.append((char) ch));
            folder = folder.resolve(name.toString());
        }
        TestFiles.write(folder.resolve("b.jpg"), "b");
        TestFiles.write(dir.resolve("ok/a.jpg"), "a");

        IndexSummary summary = index(deep, dir.resolve("ok"));

        boolean refused = database == TestDatabase.POSTGRESQL;
        assertEquals(refused ? 1 : 0, summary.failed());
        assertEquals(refused ? List.of("a.jpg") : List.of(folder.toString().substring(deep.toString().length() + 1)
                + "/b.jpg", "a.jpg"), namesInOrder());
    }

    @Test
    void newIndexGetsARandomSaltThatItKeeps() throws Exception {
        assertTrue(salt.matches("[0-9a-f]{32}"), "128 random bits in hex: " + salt);
        assertEquals(salt, SaltSetting.establish(db, null).salt());
        try (IndexDatabase other = IndexDatabase.open(database.index(dir.resolve("other")))) {
            assertNotEquals(salt, SaltSetting.establish(other, null).salt());
        }
    }

    @Test
    void symbolicLinksLeadingOutsideTheSourceAreNotFollowed() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("inside.jpg"), "in");
        Path outside = TestFiles.write(dir.resolve("secret/outside.jpg"), "out");
        Files.createSymbolicLink(photos.resolve("link-out.jpg"), outside);
        Files.createSymbolicLink(photos.resolve("link-dir-out"), outside.getParent());
        Files.createSymbolicLink(photos.resolve("link-in.jpg"), photos.resolve("inside.jpg"));

        IndexSummary summary = index(photos);

        assertEquals(List.of("inside.jpg", "link-in.jpg"), namesInOrder());
        assertEquals(2, summary.skipped());
    }

    @Test
    void aLinkBackToAnEnclosingFolderIsWalkedOnceAndAFolderReachedTwiceKeepsItsRealName() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("album/a.jpg"), "a");
        Files.createSymbolicLink(photos.resolve("album/loop"), photos);
        Path elsewhere = TestFiles.write(photos.resolve("kept/c.jpg"), "c").getParent();
        Files.createSymbolicLink(photos.resolve("shortcut"), elsewhere);

        index(photos);

        // "kept" is reached twice (directly and through "shortcut"), "photos" twice (as the root
        // and through "loop"): each is walked once, under its real name, whatever the walk order.
        assertEquals(List.of("album/a.jpg", "kept/c.jpg"), namesInOrder());
    }

    @Test
    void positionsNextAndPreviousWrapAroundAcrossSources() throws Exception {
        Path a = TestFiles.zip().stored("1.jpg", "1").stored("2.jpg", "2").writeTo(dir.resolve("a.zip"));
        Path empty = TestFiles.zip().writeTo(dir.resolve("b-empty.zip"));
        Path c = TestFiles.zip().stored("3.jpg", "3").writeTo(dir.resolve("c.zip"));
        index(c, empty, a);

        IndexReader reader = new IndexReader(db);
        assertEquals(3, reader.total());
        IndexedEntry first = reader.atPosition(1).orElseThrow();
        IndexedEntry last = reader.atPosition(3).orElseThrow();
        assertEquals(a.toString(), first.sourcePath());
        assertEquals(c.toString(), last.sourcePath());
        assertEquals(last.hash(), reader.previous(first).orElseThrow().hash());
        assertEquals(first.hash(), reader.next(last).orElseThrow().hash());
        assertEquals(2, reader.next(first).orElseThrow().position());
        assertTrue(reader.atPosition(4).isEmpty());
        assertTrue(reader.atPosition(0).isEmpty());
    }

    @Test
    void randomPicksCoverEveryFile() throws Exception {
        Path photos = dir.resolve("photos");
        for (int i = 0; i < 5; i++) {
            TestFiles.write(photos.resolve(i + ".jpg"), "x" + i);
        }
        index(photos);
        IndexReader reader = new IndexReader(db);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 500 && seen.size() < 5; i++) {
            seen.add(reader.random().orElseThrow().path());
        }
        assertEquals(5, seen.size());
    }

    @Test
    void largeRunsBulkLoadAndStillFindEveryHash() throws Exception {
        TestFiles.Zip big = TestFiles.zip();
        for (int i = 0; i < 60_000; i++) {
            big.stored("p" + i + ".jpg", new byte[] {(byte) i});
        }
        Path zip = big.writeTo(dir.resolve("big.zip"));

        index(zip);

        IndexReader reader = new IndexReader(db);
        assertEquals(60_000, reader.total());
        IndexedEntry some = reader.atPosition(31_337).orElseThrow();
        assertEquals(31_337, reader.byHash(some.hash()).orElseThrow().position());
        assertFalse(db.lookupIsStale());

        // A new salt rebuilds the lookup from the new keys, in the same transaction.
        SaltSetting.establish(db, "another salt");
        IndexReader rehashed = new IndexReader(db);
        String newHash = new EntryHasher("another salt").hashHex(zip.toString(), some.path());
        assertEquals(31_337, rehashed.byHash(newHash).orElseThrow().position());
        assertTrue(rehashed.byHash(some.hash()).isEmpty(), "the old address is gone");
        assertFalse(db.lookupIsStale());
    }

    @Test
    void theIndexSurvivesReopening() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip"));
        index(zip);
        String hash = new IndexReader(db).atPosition(1).orElseThrow().hash();
        db.close();

        db = IndexDatabase.open(location);

        assertEquals("1.jpg", new IndexReader(db).byHash(hash).orElseThrow().path());
    }

    @Test
    void aServerSeesWhatAnotherWriterCommits() throws Exception {
        IndexReader reader = new IndexReader(db);
        assertEquals(0, reader.total());
        Path zip = TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip"));

        index(zip);

        assertEquals(1, reader.total());
    }

    @Test
    void aLookupByHashFindsASourceAnotherWriterAddedAMomentAgo() throws Exception {
        IndexReader reader = new IndexReader(db);
        index(TestFiles.zip().stored("1.jpg", "one").writeTo(dir.resolve("a.zip")));
        assertEquals(1, reader.total());  // the reader's layout is now fresh, without b.zip
        Path b = TestFiles.zip().stored("2.jpg", "two").writeTo(dir.resolve("b.zip"));

        index(b);

        String hash = new EntryHasher(salt).hashHex(b.toString(), "2.jpg");
        assertEquals("2.jpg", reader.byHash(hash).orElseThrow().path());
    }

    @Test
    void anEntryFoundBeforeAnotherWriterRemovedItIsGoneOnceTheReaderHasCheckedAgain() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "one").stored("2.jpg", "two").writeTo(dir.resolve("a.zip"));
        index(zip);
        AtomicLong nanoTime = new AtomicLong();
        IndexReader reader = new IndexReader(db, nanoTime::get);
        EntryHasher hasher = new EntryHasher(salt);
        String removed = hasher.hashHex(zip.toString(), "1.jpg");
        assertTrue(reader.byHash(removed).isPresent());  // and now among the reader's recent lookups
        TestFiles.zip().stored("2.jpg", "two, rewritten").writeTo(zip);

        index(zip);
        assertTrue(reader.byHash(removed).isPresent(), "until it checks again, the reader trusts what it saw");
        nanoTime.addAndGet(IndexReader.RECHECK_NANOS);

        assertTrue(reader.byHash(removed).isEmpty());
        assertEquals("2.jpg", reader.byHash(hasher.hashHex(zip.toString(), "2.jpg")).orElseThrow().path());
    }

    /** Every entry in order, each found again by its hash at its position. */
    private List<String> namesInOrderFoundByHash() throws IndexException {
        IndexReader reader = new IndexReader(db);
        List<String> names = new ArrayList<>();
        for (long p = 1; p <= reader.total(); p++) {
            IndexedEntry entry = reader.atPosition(p).orElseThrow();
            assertEquals(p, reader.byHash(entry.hash()).orElseThrow().position(), entry.path());
            names.add(entry.path());
        }
        return names;
    }

    @Test
    void aBigFolderChangedHereAndThereKeepsNaturalOrderAndEveryHash() throws Exception {
        Path folder = dir.resolve("big");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            expected.add(TestFiles.write(folder.resolve(String.format("img%05d.jpg", i * 2)), "x").getFileName().toString());
        }
        index(folder);

        // A file before all, one in the middle of a part, one after all; two removed; then a part
        // made to grow past its maximum, so that it is split.
        for (String name : List.of("img00000a.jpg", "img01001.jpg", "img99999.jpg")) {
            TestFiles.write(folder.resolve(name), "n");
            expected.add(name);
        }
        for (String name : List.of("img00002.jpg", "img03000.jpg")) {
            Files.delete(folder.resolve(name));
            expected.remove(name);
        }
        index(folder);
        for (int i = 0; i < PartPlan.MAX; i++) {
            String name = String.format("img02500-%04d.jpg", i);
            TestFiles.write(folder.resolve(name), "s");
            expected.add(name);
        }
        IndexSummary summary = index(folder);

        assertEquals(PartPlan.MAX, summary.added());
        expected.sort(NaturalOrder.INSTANCE);
        assertEquals(expected, namesInOrderFoundByHash());
    }
}
