package imageserver.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.TestFiles;

class LibraryWatcherTest {
    @TempDir
    Path dir;

    /** What a watcher that rescans up to 3 files in its JVM did when files were added to a 5-file and a 1-file source. */
    private record Watched(long total, String sixth, String out, String err) {
    }

    /**
     * Adds a file to each of a 5-file and a 1-file source while a watcher follows them, with a
     * rescan limit of 3 files and {@code withChild} a launcher for child rescans; waits until
     * the index holds {@code files} files (or 30 s).
     */
    private Watched addAFileToABigAndASmallSource(boolean withChild, long files) throws Exception {
        Path big = dir.resolve("big");
        for (int i = 0; i < 5; i++) {
            TestFiles.write(big.resolve("p" + i + ".jpg"), "p" + i);
        }
        Path small = dir.resolve("small");
        TestFiles.write(small.resolve("a.jpg"), "a");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            String salt = SaltSetting.establish(db, null).salt();
            new Indexer(db, salt, IndexListener.NONE).index(List.of(big, small));
            ChildRescan child = withChild ? new ChildRescan(launcher(), db.location()) : null;
            Thread watcher = new LibraryWatcher(db, Duration.ofMillis(200), Duration.ZERO, new PrintWriter(out),
                    new PrintWriter(err), IndexListener.NONE, System::nanoTime, 3, child).start();
            try {
                awaitText(out, "for changes");
                TestFiles.write(big.resolve("p9.jpg"), "big");
                TestFiles.write(small.resolve("b.jpg"), "small");
                IndexReader reader = new IndexReader(db);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (reader.total() < files && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                return new Watched(reader.total(), reader.atPosition(6).orElseThrow().path(), out.toString(),
                        err.toString());
            } finally {
                watcher.interrupt();
                watcher.join(5_000);
            }
        }
    }

    @Test
    void aSourceLargerThanTheServerCanRescanIsNamedAndLeftToIndexWhileTheOthersAreFollowed() throws Exception {
        Watched watched = addAFileToABigAndASmallSource(false, 7);

        assertEquals(7, watched.total(), "the small source's new file");
        assertTrue(watched.err().contains(dir.resolve("big") + ": 5 files, more than serve rescans within its memory"),
                watched.err());
        assertFalse(watched.out().contains("sources: 2"), "only the small source is rescanned: " + watched.out());
    }

    @Test
    void aSourceLargerThanTheServerCanRescanIsRescannedByIndexInAChildProcess() throws Exception {
        Watched watched = addAFileToABigAndASmallSource(true, 8);

        assertEquals(8, watched.total(), "both new files: " + watched.out() + watched.err());
        assertEquals("p9.jpg", watched.sixth());
        assertFalse(watched.err().contains("not followed"), watched.err());
    }

    /** A launcher like the packaged one, running this test's classpath. */
    private Path launcher() throws Exception {
        Path script = dir.resolve("image-server");
        Files.writeString(script, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' imageserver.cli.Main \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }

    private static void awaitText(StringWriter writer, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!writer.toString().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(writer.toString().contains(text), writer.toString());
    }
}
