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

    @Test
    void aSourceLargerThanTheServerCanRescanIsNamedAndLeftToIndexWhileTheOthersAreFollowed() throws Exception {
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
            Thread watcher = new LibraryWatcher(db, Duration.ofMillis(200), Duration.ZERO, new PrintWriter(out),
                    new PrintWriter(err), IndexListener.NONE, System::nanoTime, 3, null).start();
            try {
                awaitText(out, "for changes");
                TestFiles.write(big.resolve("p9.jpg"), "not followed");
                TestFiles.write(small.resolve("b.jpg"), "followed");
                IndexReader reader = new IndexReader(db);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (reader.total() < 7 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(reader.total() == 7, "the small source's new file: " + reader.total());
                assertTrue(err.toString().contains(big + ": 5 files, more than serve rescans within its memory"),
                        err.toString());
                assertFalse(out.toString().contains("sources: 2"), "only the small source is rescanned: " + out);
            } finally {
                watcher.interrupt();
                watcher.join(5_000);
            }
        }
    }

    @Test
    void aSourceLargerThanTheServerCanRescanIsRescannedByIndexInAChildProcess() throws Exception {
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
            ChildRescan child = new ChildRescan(launcher(), db.file());
            Thread watcher = new LibraryWatcher(db, Duration.ofMillis(200), Duration.ZERO, new PrintWriter(out),
                    new PrintWriter(err), IndexListener.NONE, System::nanoTime, 3, child).start();
            try {
                awaitText(out, "for changes");
                TestFiles.write(big.resolve("p9.jpg"), "rescanned by index");
                TestFiles.write(small.resolve("b.jpg"), "rescanned here");
                IndexReader reader = new IndexReader(db);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (reader.total() < 8 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(reader.total() == 8, "both new files: " + reader.total() + "\n" + out + err);
                assertEquals("p9.jpg", reader.atPosition(6).orElseThrow().path());
                assertFalse(err.toString().contains("not followed"), err.toString());
            } finally {
                watcher.interrupt();
                watcher.join(5_000);
            }
        }
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
