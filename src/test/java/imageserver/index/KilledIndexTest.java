package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.testing.TestFiles;
import imageserver.testing.TestDatabase;

/**
 * kill -9 at several points of a large {@code index} run: what was committed stays, the index
 * opens, and the next run finishes the job.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class KilledIndexTest {
    @Parameter
    TestDatabase database;

    private static final int ARCHIVES = 80;
    private static final int ENTRIES = 2_000;

    @TempDir
    static Path archives;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeArchives() throws Exception {
        for (int a = 0; a < ARCHIVES; a++) {
            TestFiles.Zip zip = TestFiles.zip();
            for (int e = 0; e < ENTRIES; e++) {
                zip.stored("p" + e + ".jpg", new byte[] {(byte) e});
            }
            zip.writeTo(archives.resolve(String.format("%03d.zip", a)));
        }
    }

    private static List<Path> allArchives() {
        List<Path> all = new ArrayList<>();
        for (int a = 0; a < ARCHIVES; a++) {
            all.add(archives.resolve(String.format("%03d.zip", a)));
        }
        return all;
    }

    /** Kills the run once this many sources are committed: early, mid-way, and late in the bulk load. */
    @ParameterizedTest
    @ValueSource(ints = {1, 35, 70})
    void killedRunKeepsCompletedSourcesAndTheNextRunFinishes(int killAfter) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "imageserver.cli.Main", "index", "--db", database.index(dir).value()));
        allArchives().forEach(a -> args.add(a.toString()));
        Process indexing = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("index.log").toFile()).start();

        int doneBeforeKill;
        try (IndexDatabase db = IndexDatabase.open(database.index(dir))) {
            doneBeforeKill = waitForCompletedSources(db, killAfter);
            assertTrue(indexing.isAlive(), "the run must still be going when it is killed");
            indexing.destroyForcibly();  // SIGKILL
            indexing.waitFor(10, TimeUnit.SECONDS);
        }

        try (IndexDatabase db = IndexDatabase.open(database.index(dir))) {
            int completed = 0;
            for (SourceRecord source : new SourceCatalog(db).all()) {
                assertEquals(source.entryCount(), rowsOf(db, source.id()), "rows of " + source.path());
                completed += source.entryCount() == ENTRIES ? 1 : 0;
            }
            assertTrue(completed >= doneBeforeKill, completed + " >= " + doneBeforeKill);
            assertTrue(completed < ARCHIVES, "killed before the end: " + completed);

            String salt = SaltSetting.establish(db, null).salt();
            IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).index(allArchives());
            assertEquals(0, finish.failed());
            assertEquals((long) (ARCHIVES - completed) * ENTRIES, finish.added());
            assertFalse(db.lookupIsStale(), "the lookup a bulk load marks stale is whole again");
            IndexReader reader = new IndexReader(db);
            assertEquals((long) ARCHIVES * ENTRIES, reader.total());
            for (long position : List.of(1L, reader.total() / 2, reader.total())) {
                IndexedEntry entry = reader.atPosition(position).orElseThrow();
                assertEquals(position, reader.byHash(entry.hash()).orElseThrow().position());
            }
        }
    }

    @Test
    void killedDuringTheFirstIndexOfALargeFolderKeepsItsCommittedPartAndIndexFinishesIt() throws Exception {
        int files = Indexer.FIRST_INDEX_CHUNK * 8;
        Path folder = dir.resolve("library");
        for (int i = 0; i < files; i++) {
            TestFiles.write(folder.resolve(String.format("album %02d/p%05d.jpg", i / 2_000, i)), new byte[] {(byte) i});
        }
        Process indexing = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "imageserver.cli.Main", "index", folder.toString(), "--db", database.index(dir).value())
                .redirectErrorStream(true).redirectOutput(dir.resolve("index.log").toFile()).start();

        try (IndexDatabase db = IndexDatabase.open(database.index(dir))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partOf(db) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            indexing.destroyForcibly();  // SIGKILL, as soon as a part is committed
            indexing.waitFor(10, TimeUnit.SECONDS);
        }

        try (IndexDatabase db = IndexDatabase.open(database.index(dir))) {
            SourceRecord source = new SourceCatalog(db).all().getFirst();
            assertEquals(SourceState.INCOMPLETE, source.state(), "killed before the end");
            assertTrue(source.entryCount() > 0 && source.entryCount() < files, "a part: " + source.entryCount());
            assertEquals(source.entryCount(), rowsOf(db, source.id()));

            String salt = SaltSetting.establish(db, null).salt();
            IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).reindexAll();
            assertEquals(files - source.entryCount(), finish.added());
            assertEquals(SourceState.OK, new SourceCatalog(db).all().getFirst().state());
            IndexReader reader = new IndexReader(db);
            assertEquals(files, reader.total());
            IndexedEntry last = reader.atPosition(files).orElseThrow();
            assertEquals(files, reader.byHash(last.hash()).orElseThrow().position());
        }
    }

    /** Entries of the one source committed so far, 0 before its first part. */
    private static int partOf(IndexDatabase db) throws Exception {
        List<SourceRecord> sources = new SourceCatalog(db).all();
        return sources.isEmpty() ? 0 : sources.getFirst().entryCount();
    }

    private static int waitForCompletedSources(IndexDatabase db, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int done = (int) new SourceCatalog(db).all().stream().filter(s -> s.entryCount() > 0).count();
            if (done >= wanted) {
                return done;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the indexing process never completed " + wanted + " sources");
    }

    private static long rowsOf(IndexDatabase db, int sourceId) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM entries e JOIN parts p"
                     + " ON e.pos BETWEEN p.id * 4294967296 AND p.id * 4294967296 + 4294967295"
                     + " WHERE p.source_id = " + sourceId)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
