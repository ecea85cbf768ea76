package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.TestFiles;

/** kill -9 in the middle of {@code index}: what was committed stays, and the next run finishes the job. */
class KilledIndexTest {
    private static final int ARCHIVES = 80;
    private static final int ENTRIES = 2_000;

    @TempDir
    Path dir;

    @Test
    void killedRunKeepsCompletedSourcesAndTheNextRunFinishes() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "imageserver.cli.Main", "index", "--db", dir.resolve("db/index").toString()));
        for (int a = 0; a < ARCHIVES; a++) {
            TestFiles.Zip zip = TestFiles.zip();
            for (int e = 0; e < ENTRIES; e++) {
                zip.stored("p" + e + ".jpg", new byte[] {(byte) e});
            }
            args.add(zip.writeTo(dir.resolve(String.format("zips/%03d.zip", a))).toString());
        }
        Process indexing = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("index.log").toFile()).start();

        int doneBeforeKill;
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            doneBeforeKill = waitForCompletedSources(db, 10);
            assertTrue(indexing.isAlive(), "the run must still be going when it is killed");
            indexing.destroyForcibly();  // SIGKILL
            indexing.waitFor(10, TimeUnit.SECONDS);
        }

        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            int completed = 0;
            for (SourceRecord source : new SourceCatalog(db).all()) {
                assertEquals(source.entryCount(), rowsOf(db, source.id()), "rows of " + source.path());
                completed += source.entryCount() == ENTRIES ? 1 : 0;
            }
            assertTrue(completed >= doneBeforeKill, completed + " >= " + doneBeforeKill);
            assertTrue(completed < ARCHIVES, "killed before the end: " + completed);

            String salt = SaltSetting.establish(db, null).salt();
            IndexSummary rerun = new Indexer(db, salt, IndexListener.NONE).reindexAll();
            assertEquals(0, rerun.failed());
            List<Path> all = new ArrayList<>();
            for (int a = 0; a < ARCHIVES; a++) {
                all.add(dir.resolve(String.format("zips/%03d.zip", a)));
            }
            IndexSummary finish = new Indexer(db, salt, IndexListener.NONE).index(all);
            assertEquals(0, finish.failed());
            IndexReader reader = new IndexReader(db);
            assertEquals((long) ARCHIVES * ENTRIES, reader.total());
            IndexedEntry last = reader.atPosition(reader.total()).orElseThrow();
            assertEquals(reader.total(), reader.byHash(last.hash()).orElseThrow().position());
        }
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
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM entries WHERE pos BETWEEN "
                     + EntryPos.firstOf(sourceId) + " AND " + EntryPos.lastOf(sourceId))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
