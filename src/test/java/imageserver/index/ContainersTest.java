package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

/**
 * The folders and archives of the library, addressed by hash: what each holds, in natural order,
 * page by page, where a file is in its own, kept in step with rescans, salts and removals.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ContainersTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private IndexDatabase db;
    private String salt;

    @BeforeEach
    void open() throws Exception {
        db = IndexDatabase.open(database.index(dir));
        salt = SaltSetting.establish(db, null).salt();
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** comics/ with a folder of loose pages and sub-folders beside an archive made by zip, whose pages sit in a folder inside it. */
    private Path comics() throws Exception {
        ExternalTools.require("zip");
        Path comics = dir.resolve("comics");
        Path pages = dir.resolve("made/pages");
        for (String page : List.of("p10.jpg", "p2.jpg", "p1.jpg")) {
            TestFiles.write(pages.resolve(page), page);
        }
        Files.createDirectories(comics.resolve("Akira"));
        ExternalTools.run(dir.resolve("made"), "zip", "-q", "-r", comics.resolve("Akira/Akira 01.cbz").toString(), "pages");
        for (String file : List.of("Akira/cover.jpg", "Akira/art/a2.jpg", "Akira/art/a10.jpg", "Akira/zz.jpg",
                "Akira/art/sketches/s1.jpg", "b.jpg", "Tintin/t1.jpg")) {
            TestFiles.write(comics.resolve(file), file);
        }
        new Indexer(db, salt, IndexListener.NONE).index(List.of(comics));
        return comics;
    }

    private String hashOf(Path source, String containerPath) {
        return new EntryHasher(salt).containerHashHex(source.toString(), containerPath);
    }

    private static List<IndexedEntry> files(IndexReader reader, String hash, long offset, int limit) throws IndexException {
        return reader.files(hash, offset, limit).orElseThrow(() -> new AssertionError("no container " + hash));
    }

    private static List<String> names(List<IndexedEntry> files) {
        return files.stream().map(IndexedEntry::path).toList();
    }

    @Test
    void aFolderListsItsSubFoldersAndArchivesAsCardsAndItsOwnFilesInNaturalOrder() throws Exception {
        Path comics = comics();
        IndexReader reader = new IndexReader(db);

        IndexReader.Folder root = reader.folder(hashOf(comics, "")).orElseThrow();
        assertEquals("comics", root.name());
        assertEquals(List.of(), root.trail());
        assertEquals(List.of("Akira", "Tintin"), root.children().stream().map(IndexReader.Card::name).toList());
        assertEquals(List.of(8L, 1L), root.children().stream().map(IndexReader.Card::files).toList());
        assertEquals("Akira/Akira 01.cbz/pages/p1.jpg", root.children().getFirst().cover().path());
        assertEquals(List.of("b.jpg"), names(files(reader, root.hash(), 0, 100)));

        IndexReader.Folder akira = reader.folder(root.children().getFirst().hash()).orElseThrow();
        assertEquals(List.of("Akira 01.cbz", "art"), akira.children().stream().map(IndexReader.Card::name).toList());
        assertEquals(List.of(true, false), akira.children().stream().map(IndexReader.Card::archive).toList());
        assertEquals(List.of("Akira/cover.jpg", "Akira/zz.jpg"), names(files(reader, akira.hash(), 0, 100)));
        assertEquals(2, akira.files());

        IndexReader.Folder sketches = reader.folder(hashOf(comics, "Akira/art/sketches")).orElseThrow();
        assertEquals(List.of("comics", "Akira", "art"), sketches.trail().stream().map(IndexReader.Crumb::name).toList());
        assertEquals(List.of(hashOf(comics, ""), hashOf(comics, "Akira"), hashOf(comics, "Akira/art")),
                sketches.trail().stream().map(IndexReader.Crumb::hash).toList());
    }

    @Test
    void anArchiveIsOneFlatContainerWhateverFoldersItHolds() throws Exception {
        Path comics = comics();
        IndexReader reader = new IndexReader(db);
        IndexReader.Folder archive = reader.folder(hashOf(comics, "Akira/Akira 01.cbz")).orElseThrow();
        assertTrue(archive.archive());
        assertEquals(List.of(), archive.children());
        List<IndexedEntry> pages = files(reader, archive.hash(), 0, 100);
        assertEquals(List.of("Akira/Akira 01.cbz/pages/p1.jpg", "Akira/Akira 01.cbz/pages/p2.jpg",
                "Akira/Akira 01.cbz/pages/p10.jpg"), names(pages));
        assertEquals("comics/Akira/Akira 01.cbz", pages.getFirst().container());
        assertEquals(new IndexReader.Place(archive.hash(), 3, 3), reader.place(pages.get(2)));
    }

    @Test
    void everyFileIsInExactlyOneContainerWhosePagesAndPlacesAgree() throws Exception {
        Path comics = comics();
        assertConsistent(new IndexReader(db), comics);
    }

    @Test
    void aRescanBringsTheContainersInStepWithAddedAndRemovedFilesAndFolders() throws Exception {
        Path comics = comics();
        IndexReader reader = new IndexReader(db);
        String sketches = hashOf(comics, "Akira/art/sketches");
        assertTrue(reader.folder(sketches).isPresent());

        Files.delete(comics.resolve("Akira/art/sketches/s1.jpg"));
        Files.delete(comics.resolve("Akira/art/sketches"));
        TestFiles.write(comics.resolve("Akira/art/a3.jpg"), "a3");
        TestFiles.write(comics.resolve("Astro/x.jpg"), "x");
        new Indexer(db, salt, IndexListener.NONE).rescan(List.of(comics));

        assertFalse(reader.folder(sketches).isPresent());
        assertEquals(List.of("Akira/art/a2.jpg", "Akira/art/a3.jpg", "Akira/art/a10.jpg"),
                names(files(reader, hashOf(comics, "Akira/art"), 0, 100)));
        assertEquals(List.of("Akira", "Astro", "Tintin"),
                reader.folder(hashOf(comics, "")).orElseThrow().children().stream().map(IndexReader.Card::name).toList());
        assertConsistent(reader, comics);
    }

    @Test
    void aFirstIndexWrittenInChunksGivesTheSameContainersAsOneWrittenWhole() throws Exception {
        Path big = dir.resolve("big");
        int files = Indexer.FIRST_INDEX_CHUNK * 2 + 300;
        // Folders that straddle the chunks' ends, files directly in the source between them.
        for (int i = 0; i < files; i++) {
            String folder = i % 7 == 0 ? "" : "f" + (i / 1700) + "/" + (i % 3 == 0 ? "deep/" : "");
            TestFiles.write(big.resolve(folder + "img" + i + ".jpg"), "");
        }
        new Indexer(db, salt, IndexListener.NONE).index(List.of(big));
        IndexReader reader = new IndexReader(db);
        assertEquals(files, reader.total());
        assertConsistent(reader, big);
        IndexReader.Folder f3 = reader.folder(hashOf(big, "f3")).orElseThrow();
        List<IndexedEntry> all = files(reader, f3.hash(), 0, Integer.MAX_VALUE);
        assertEquals(f3.files(), all.size());
        // Any page, at any offset, is the same slice of the whole.
        for (int offset = 0; offset < all.size(); offset += 97) {
            assertEquals(names(all.subList(offset, Math.min(all.size(), offset + 120))),
                    names(files(reader, f3.hash(), offset, 120)));
        }
        assertEquals(List.of(), files(reader, f3.hash(), all.size(), 120));
    }

    @Test
    void aNewSaltGivesEveryContainerANewHashAndTheOldOnesAreUnknown() throws Exception {
        Path comics = comics();
        String before = hashOf(comics, "Akira");
        salt = SaltSetting.establish(db, "another salt").salt();
        IndexReader reader = new IndexReader(db);
        assertFalse(reader.folder(before).isPresent());
        String after = hashOf(comics, "Akira");
        assertNotEquals(before, after);
        assertEquals("Akira", reader.folder(after).orElseThrow().name());
        assertConsistent(reader, comics);
    }

    @Test
    void aRemovedSourceTakesItsContainersWithIt() throws Exception {
        Path comics = comics();
        new SourceCatalog(db).remove(comics.toString()).orElseThrow();
        IndexReader reader = new IndexReader(db);
        assertFalse(reader.folder(hashOf(comics, "")).isPresent());
        assertFalse(reader.folder(hashOf(comics, "Akira")).isPresent());
    }

    @Test
    void neitherAFileNorAMalformedHashIsAContainer() throws Exception {
        Path comics = comics();
        IndexReader reader = new IndexReader(db);
        String file = reader.atPosition(1).orElseThrow().hash();
        assertFalse(reader.folder(file).isPresent());
        assertFalse(reader.folder("nothex").isPresent());
        assertEquals(java.util.Optional.empty(), reader.files(file, 0, 10));
        assertEquals(List.of(), files(reader, hashOf(comics, ""), -1, 10));
    }

    @Test
    void anIndexWrittenBeforeContainersGetsThemWithTheLookupsRebuild() throws Exception {
        Path comics = comics();
        // What an index of the version before holds: no containers table, no migration 8.
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE containers");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '8'");
        }
        db.close();
        db = IndexDatabase.open(database.index(dir));
        assertTrue(db.lookupIsStale());
        assertTrue(db.repairLookup());
        IndexReader reader = new IndexReader(db);
        assertEquals(List.of("Akira", "Tintin"),
                reader.folder(hashOf(comics, "")).orElseThrow().children().stream().map(IndexReader.Card::name).toList());
        assertConsistent(reader, comics);
    }

    /**
     * Walks every container from the source's: each file is directly in exactly one, its pages list
     * them in natural order, and each file's place names that container and its index in it.
     */
    private void assertConsistent(IndexReader reader, Path source) throws IndexException {
        Set<String> seen = new HashSet<>();
        List<String> toVisit = new ArrayList<>(List.of(hashOf(source, "")));
        while (!toVisit.isEmpty()) {
            IndexReader.Folder folder = reader.folder(toVisit.removeLast()).orElseThrow();
            folder.children().forEach(card -> toVisit.add(card.hash()));
            List<IndexedEntry> files = files(reader, folder.hash(), 0, Integer.MAX_VALUE);
            assertEquals(folder.files(), files.size(), folder.name());
            List<String> sorted = new ArrayList<>(names(files));
            sorted.sort(NaturalOrder.INSTANCE);
            assertEquals(sorted, names(files), "natural order in " + folder.name());
            for (int i = 0; i < files.size(); i++) {
                assertEquals(new IndexReader.Place(folder.hash(), i + 1, files.size()), reader.place(files.get(i)),
                        files.get(i).path());
                assertTrue(seen.add(files.get(i).hash()), files.get(i).path() + " is in two containers");
            }
        }
        assertEquals(reader.total(), seen.size());
    }
}
