package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.testing.ExternalTools;
import imageserver.testing.TestFiles;
import imageserver.testing.TestDatabase;

/** A folder source's archives (.zip, .cbz, at any depth): opened, ordered, addressed and kept like files. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ArchivesInFoldersTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private IndexDatabase db;
    private String salt;
    private final List<String> failures = new ArrayList<>();
    private final IndexListener recordFailures = new IndexListener() {
        @Override
        public void sourceFailed(Path source, String reason, Throwable cause) {
            failures.add(dir.relativize(source) + ": " + reason);
        }
    };

    @BeforeEach
    void open() throws Exception {
        db = IndexDatabase.open(database.index(dir));
        salt = SaltSetting.establish(db, null).salt();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private IndexSummary index(Path source) throws IndexException {
        return new Indexer(db, salt, recordFailures).index(List.of(source));
    }

    private List<String> namesInOrder() throws IndexException {
        IndexReader reader = new IndexReader(db);
        List<String> names = new ArrayList<>();
        for (long p = 1; p <= reader.total(); p++) {
            names.add(reader.atPosition(p).orElseThrow().path());
        }
        return names;
    }

    private IndexedEntry entry(String path) throws IndexException {
        IndexReader reader = new IndexReader(db);
        for (long p = 1; p <= reader.total(); p++) {
            IndexedEntry entry = reader.atPosition(p).orElseThrow();
            if (entry.path().equals(path)) {
                return entry;
            }
        }
        throw new AssertionError(path + " is not indexed: " + namesInOrder());
    }

    @Test
    void anArchiveMadeByZipTakesItsPlaceAmongItsSiblingsWithItsEntriesInNaturalOrder() throws Exception {
        ExternalTools.require("zip");
        Path library = dir.resolve("library");
        Path pages = dir.resolve("pages");
        for (String page : List.of("p10.jpg", "p2.jpg", "p1.jpg", "info.txt")) {
            TestFiles.write(pages.resolve(page), "page " + page);
        }
        Files.createDirectories(library.resolve("comics"));
        ExternalTools.run(pages, "zip", "-q", library.resolve("comics/Akira 2.cbz").toString(),
                "p10.jpg", "p2.jpg", "p1.jpg", "info.txt");
        new TestFiles.Zip().stored("a.jpg", "a").writeTo(library.resolve("comics/Akira 10.cbz"));
        TestFiles.write(library.resolve("comics/Akira 1.jpg"), "cover");
        TestFiles.write(library.resolve("comics/Akira 3.jpg"), "back");
        TestFiles.write(library.resolve("zebra.jpg"), "z");

        IndexSummary summary = index(library);

        assertEquals(List.of("comics/Akira 1.jpg", "comics/Akira 2.cbz/p1.jpg", "comics/Akira 2.cbz/p2.jpg",
                "comics/Akira 2.cbz/p10.jpg", "comics/Akira 3.jpg", "comics/Akira 10.cbz/a.jpg", "zebra.jpg"),
                namesInOrder());
        assertEquals(7, summary.added());
        assertEquals(1, summary.leftOut(), "info.txt is not media");
        IndexedEntry page = entry("comics/Akira 2.cbz/p2.jpg");
        assertEquals("comics/Akira 2.cbz", page.archive());
        assertEquals(Files.size(library.resolve("comics/Akira 2.cbz")), page.archiveSize());
        assertTrue(page.isArchived());
        assertEquals("image/jpeg", page.mime());
        assertEquals(new EntryHasher(salt).hashHex(library.toString(), "comics/Akira 2.cbz", "comics/Akira 2.cbz/p2.jpg"),
                page.hash());
        assertEquals(page, new IndexReader(db).byHash(page.hash()).orElseThrow());
        assertNull(entry("zebra.jpg").archive());
    }

    @Test
    void aFolderNamedLikeAnArchiveAndTheArchiveThatReplacesItAreTwoFiles() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("x.zip/1.jpg"), "in a folder");
        index(library);
        String folderFile = entry("x.zip/1.jpg").hash();

        Files.delete(library.resolve("x.zip/1.jpg"));
        Files.delete(library.resolve("x.zip"));
        new TestFiles.Zip().stored("1.jpg", "in an archive").writeTo(library.resolve("x.zip"));
        IndexSummary summary = index(library);

        IndexedEntry archived = entry("x.zip/1.jpg");
        assertNotEquals(folderFile, archived.hash());
        assertEquals("x.zip", archived.archive());
        assertTrue(new IndexReader(db).byHash(folderFile).isEmpty());
        assertEquals(1, summary.added());
        assertEquals(1, summary.removed());
    }

    @Test
    void anUnchangedArchiveIsNotReopenedWhenItsFolderChanges() throws Exception {
        Path library = dir.resolve("library");
        Path archive = new TestFiles.Zip().stored("1.jpg", "one").stored("2.jpg", "two")
                .writeTo(library.resolve("b.cbz"));
        index(library);
        String second = entry("b.cbz/2.jpg").hash();
        // Same size and time, no longer readable: reading it again would fail.
        FileTime mtime = Files.getLastModifiedTime(archive);
        Files.write(archive, new byte[(int) Files.size(archive)]);
        Files.setLastModifiedTime(archive, mtime);
        TestFiles.write(library.resolve("a.jpg"), "new, first in order");

        IndexSummary summary = index(library);

        assertEquals(List.of(), failures);
        assertEquals(1, summary.added());
        assertEquals(2, summary.unchanged());
        assertEquals(List.of("a.jpg", "b.cbz/1.jpg", "b.cbz/2.jpg"), namesInOrder());
        assertEquals(3, new IndexReader(db).byHash(second).orElseThrow().position(), "moved down one, same address");
    }

    @Test
    void aDamagedArchiveIsReportedByItsPathKeepsItsEntriesAndItsSiblingsAreIndexed() throws Exception {
        Path library = dir.resolve("library");
        Path archive = new TestFiles.Zip().stored("1.jpg", TestFiles.bytes(4000, 1)).stored("2.jpg", "two")
                .writeTo(library.resolve("comics/b.cbz"));
        index(library);
        String held = entry("comics/b.cbz/2.jpg").hash();
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));
        TestFiles.write(library.resolve("comics/c.jpg"), "sibling");

        IndexSummary summary = index(library);

        assertEquals(List.of("library/comics/b.cbz: not a readable ZIP archive: it has no end-of-central-directory"
                + " record (cut short, or not a ZIP)"), failures);
        assertEquals(1, summary.failed());
        assertEquals(1, summary.added());
        assertEquals(List.of("comics/b.cbz/1.jpg", "comics/b.cbz/2.jpg", "comics/c.jpg"), namesInOrder());
        assertTrue(new IndexReader(db).byHash(held).isPresent());

        assertEquals(1, index(library).failed(), "reported again while it stays damaged");
        failures.clear();
        Files.write(archive, whole);
        IndexSummary repaired = index(library);
        assertEquals(0, repaired.failed());
        assertEquals(List.of(), failures);
        assertEquals(3, new IndexReader(db).total());
    }

    @Test
    void anArchiveReplacedOrRemovedChangesItsEntriesOnly() throws Exception {
        Path library = dir.resolve("library");
        Path archive = new TestFiles.Zip().stored("1.jpg", "one").stored("2.jpg", "two")
                .writeTo(library.resolve("a.cbz"));
        TestFiles.write(library.resolve("b.jpg"), "b");
        index(library);
        String kept = entry("a.cbz/1.jpg").hash();

        new TestFiles.Zip().stored("1.jpg", "one, redrawn").stored("3.jpg", "three").writeTo(archive);
        IndexSummary replaced = index(library);

        assertEquals(List.of("a.cbz/1.jpg", "a.cbz/3.jpg", "b.jpg"), namesInOrder());
        assertEquals(1, replaced.added());
        assertEquals(1, replaced.updated());
        assertEquals(1, replaced.removed());
        assertEquals(12, new IndexReader(db).byHash(kept).orElseThrow().size());

        Files.delete(archive);
        IndexSummary removed = index(library);
        assertEquals(2, removed.removed());
        assertEquals(List.of("b.jpg"), namesInOrder());

        new TestFiles.Zip().stored("9.jpg", "back").writeTo(archive);
        assertEquals(1, index(library).added(), "an archive put back is read again");
    }

    @Test
    void aNewSaltRehashesEntriesOfArchivesInsideFolders() throws Exception {
        Path library = dir.resolve("library");
        new TestFiles.Zip().stored("1.jpg", "one").writeTo(library.resolve("a.cbz"));
        index(library);

        SaltSetting.Outcome outcome = SaltSetting.establish(db, "a new key");

        assertEquals(1, outcome.rehashed());
        IndexedEntry entry = new IndexReader(db).atPosition(1).orElseThrow();
        assertEquals(new EntryHasher("a new key").hashHex(library.toString(), "a.cbz", "a.cbz/1.jpg"), entry.hash());
        assertTrue(new IndexReader(db).byHash(entry.hash()).isPresent());
    }

    /** Stops a run after the first chunk of a first index is committed, as a kill would. */
    private static final class Interrupted extends RuntimeException {
    }

    @Test
    void anInterruptedFirstIndexThatCutAnArchiveInTwoIsFinishedWhole() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.Zip big = new TestFiles.Zip();
        int pages = Indexer.FIRST_INDEX_CHUNK + 50;
        for (int i = 1; i <= pages; i++) {
            big.stored("p" + i + ".jpg", "p" + i);
        }
        big.writeTo(library.resolve("big.cbz"));
        TestFiles.write(library.resolve("z.jpg"), "z");
        IndexListener stopAfterFirstChunk = new IndexListener() {
            @Override
            public void sourceProgress(Path source, long entries) {
                throw new Interrupted();
            }
        };
        assertThrows(Interrupted.class, () -> new Indexer(db, salt, stopAfterFirstChunk).index(List.of(library)));
        assertEquals(Indexer.FIRST_INDEX_CHUNK, new IndexReader(db).total());

        IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).reindexAll();

        assertEquals(pages + 1 - Indexer.FIRST_INDEX_CHUNK, finish.added());
        IndexReader reader = new IndexReader(db);
        assertEquals(pages + 1, reader.total());
        IndexedEntry last = reader.atPosition(pages).orElseThrow();
        assertEquals("big.cbz/p" + pages + ".jpg", last.path());
        assertEquals(last, reader.byHash(last.hash()).orElseThrow());
        // The next run finds the archive unchanged and reads nothing again.
        assertEquals(pages + 1, new Indexer(db, salt, IndexListener.NONE).reindexAll().unchanged());
    }

    @Test
    void removingTheFolderForgetsItsArchivesSoAddingItAgainReadsThem() throws Exception {
        Path library = dir.resolve("library");
        new TestFiles.Zip().stored("1.jpg", "one").writeTo(library.resolve("a.cbz"));
        index(library);

        assertEquals(java.util.Optional.of(1), new SourceCatalog(db).remove(library.toString()));
        IndexSummary again = index(library);

        assertEquals(1, again.added());
        assertEquals(List.of("a.cbz/1.jpg"), namesInOrder());
    }
}
