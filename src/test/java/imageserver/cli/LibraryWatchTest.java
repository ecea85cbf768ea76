package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;

/** A real serve process following its library on disk: files and archives written while it runs. */
class LibraryWatchTest {
    private static final Pattern FILES = Pattern.compile("\"files\": (\\d+)");
    /** Settle time given to serve: the tests wait for it, so it is short. */
    private static final int SETTLE_SECONDS = 1;
    /** How long a change may take to show: the settle time plus the rescan, on a slow machine. */
    private static final int SHOWS_WITHIN_SECONDS = SETTLE_SECONDS + 10;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess serve(String... args) throws Exception {
        return ServeProcess.start(List.of(), dir.resolve("serve.err"), withIndexAndSettle(args));
    }

    /** The arguments, then the test's index and settle time. */
    private String[] withIndexAndSettle(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", dir.resolve("db/index").toString(), "--settle", SETTLE_SECONDS + "s"));
        return all.toArray(String[]::new);
    }

    private String health(ServeProcess serve) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private long files(ServeProcess serve) throws Exception {
        Matcher m = FILES.matcher(health(serve));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    /** A condition on the server or the index, polled. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until {@code condition} holds; fails, saying what the server printed, after {@code seconds}. */
    private void await(ServeProcess serve, Condition condition, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not show within " + seconds + " s: " + health(serve)
                        + "\nstdout: " + serve.stdout() + "\nstderr: " + serve.stderr());
            }
            Thread.sleep(50);
        }
    }

    /** Polls health until its file count passes {@code test}. */
    private void awaitFiles(ServeProcess serve, LongPredicate test, int seconds, String what) throws Exception {
        await(serve, () -> test.test(files(serve)), seconds, what);
    }

    /** The entries the index holds now, in order, read through a second connection to serve's index. */
    private List<IndexedEntry> entriesInIndex() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            IndexReader reader = new IndexReader(db);
            List<IndexedEntry> entries = new ArrayList<>();
            for (long p = 1; p <= reader.total(); p++) {
                entries.add(reader.atPosition(p).orElseThrow());
            }
            return entries;
        }
    }

    private List<String> namesInIndex() throws Exception {
        return entriesInIndex().stream().map(IndexedEntry::path).toList();
    }

    private byte[] data(ServeProcess serve, String name) throws Exception {
        IndexedEntry entry = entriesInIndex().stream().filter(e -> e.path().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not indexed"));
        return http.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/" + entry.hash() + "/data")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Test
    void filesFoldersAndArchivesAddedRenamedAndRemovedWhileServingShowAfterTheSettleTime() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        try (ServeProcess serve = serve(library.toString())) {
            serve.awaitStdout("watching 1 sources (1 folders) for changes", 20);
            assertEquals(1, serve.files());

            TestFiles.write(library.resolve("b.jpg"), "b");
            awaitFiles(serve, n -> n == 2, SHOWS_WITHIN_SECONDS, "a new file");

            // A folder made after start is watched too: a file added into it later shows.
            new TestFiles.Zip().stored("1.jpg", "one").stored("2.jpg", "two")
                    .writeTo(library.resolve("comics/new/vol 1.cbz"));
            awaitFiles(serve, n -> n == 4, SHOWS_WITHIN_SECONDS, "an archive in a new folder");
            TestFiles.write(library.resolve("comics/new/cover.jpg"), "c");
            awaitFiles(serve, n -> n == 5, SHOWS_WITHIN_SECONDS, "a file in the new folder");

            Files.move(library.resolve("comics"), library.resolve("manga"));
            await(serve, () -> namesInIndex().contains("manga/new/vol 1.cbz/2.jpg"), SHOWS_WITHIN_SECONDS,
                    "a folder renamed");
            assertEquals(List.of("a.jpg", "b.jpg", "manga/new/cover.jpg", "manga/new/vol 1.cbz/1.jpg",
                    "manga/new/vol 1.cbz/2.jpg"), namesInIndex());

            Files.delete(library.resolve("manga/new/vol 1.cbz"));
            awaitFiles(serve, n -> n == 3, SHOWS_WITHIN_SECONDS, "an archive removed");
            TestFiles.write(library.resolve("manga/new/renamed folder/x.jpg"), "x");
            awaitFiles(serve, n -> n == 4, SHOWS_WITHIN_SECONDS, "a file in a folder of the renamed one");
        }
    }

    @Test
    void aFileWrittenSlowlyShowsOnlyOnceCompleteWithAllItsBytes() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        byte[] whole = TestFiles.bytes(120_000, 3);
        try (ServeProcess serve = serve(library.toString())) {
            serve.awaitStdout("for changes", 20);
            // Twelve chunks over about three seconds: never quiet for the settle time until the end.
            try (OutputStream out = Files.newOutputStream(library.resolve("slow.jpg"))) {
                for (int i = 0; i < 12; i++) {
                    out.write(whole, i * 10_000, 10_000);
                    out.flush();
                    assertEquals(1, files(serve), "taken while still being written");
                    Thread.sleep(250);
                }
            }
            awaitFiles(serve, n -> n == 2, SHOWS_WITHIN_SECONDS, "the finished file");
            assertArrayEquals(whole, data(serve, "slow.jpg"));
        }
    }

    @Test
    void anArchiveSourceReplacedInPlaceShowsItsNewEntriesAndOneRemovedStaysOffline() throws Exception {
        Path archive = new TestFiles.Zip().stored("1.jpg", "one").writeTo(dir.resolve("books/a.cbz"));
        new TestFiles.Zip().stored("1.jpg", "one").writeTo(dir.resolve("books/other.cbz"));
        try (ServeProcess serve = serve(archive.toString())) {
            serve.awaitStdout("for changes", 20);

            Path next = new TestFiles.Zip().stored("1.jpg", "one").stored("2.jpg", "two").stored("3.jpg", "3")
                    .writeTo(dir.resolve("books/a.cbz.part"));
            Files.move(next, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            awaitFiles(serve, n -> n == 3, SHOWS_WITHIN_SECONDS, "the replaced archive");

            Files.delete(archive);
            await(serve, () -> health(serve).contains("\"offline\": 1"), SHOWS_WITHIN_SECONDS, "the archive offline");
            assertEquals(3, files(serve), "its entries stay while it is gone");
            assertTrue(serve.stderr().contains(archive + ": no such file"), serve.stderr());

            new TestFiles.Zip().stored("9.jpg", "back").writeTo(archive);
            awaitFiles(serve, n -> n == 1, SHOWS_WITHIN_SECONDS, "the archive back");
        }
    }

    @Test
    void aFolderMadeUnreadableKeepsItsFilesAndComesBackOnceReadable() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        Path locked = library.resolve("locked");
        TestFiles.write(locked.resolve("b.jpg"), "b");
        try (ServeProcess serve = ServeProcess.startRespectingPermissions(dir.resolve("serve.err"),
                withIndexAndSettle(library.toString()))) {
            serve.awaitStdout("for changes", 20);
            assertEquals(2, serve.files());

            Files.setPosixFilePermissions(locked, Set.of());
            await(serve, () -> health(serve).contains("\"offline\": 1"), SHOWS_WITHIN_SECONDS, "the folder offline");
            assertEquals(2, files(serve), "its files stay while it cannot be read");
            assertTrue(serve.stderr().contains(library + ": locked: permission denied"), serve.stderr());

            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            await(serve, () -> health(serve).contains("\"offline\": 0"), SHOWS_WITHIN_SECONDS, "the folder back");
            assertEquals(List.of("a.jpg", "locked/b.jpg"), namesInIndex());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void withEventsTooLateThePeriodicRescanCatchesUp() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        // A settle time longer than the test: only the rescan can take the new file.
        List<String> args = List.of(library.toString(), "--db", dir.resolve("db/index").toString(),
                "--settle", "10m", "--rescan-interval", "1s");
        try (ServeProcess serve = ServeProcess.start(List.of(), dir.resolve("serve.err"), args.toArray(String[]::new))) {
            serve.awaitStdout("for changes", 20);
            TestFiles.write(library.resolve("b.jpg"), "b");
            awaitFiles(serve, n -> n == 2, 15, "a file, by the periodic rescan");
        }
    }

    @Test
    void withNoWatchTheIndexChangesOnlyWhenIndexRuns() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        try (ServeProcess serve = serve(library.toString(), "--no-watch", "--rescan-interval", "1s")) {
            assertFalse(serve.hasThread("library-watch"), "nothing watches or rescans");
            assertEquals("", serve.stdout());
        }
        try (ServeProcess serve = serve(library.toString())) {
            assertTrue(serve.hasThread("library-watch"), "what the check above would see if it did");
        }
    }

    @Test
    void aSourceThatIndexAddsInAnotherProcessIsWatchedToo() throws Exception {
        Path library = dir.resolve("library");
        TestFiles.write(library.resolve("a.jpg"), "a");
        Path more = dir.resolve("more");
        TestFiles.write(more.resolve("m.jpg"), "m");
        try (ServeProcess serve = serve(library.toString())) {
            serve.awaitStdout("for changes", 20);
            java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
            assertEquals(0, Main.run(quiet, quiet, "index", more.toString(), "--db", dir.resolve("db/index").toString()));
            awaitFiles(serve, n -> n == 2, SHOWS_WITHIN_SECONDS, "the source index added");

            TestFiles.write(more.resolve("n.jpg"), "n");
            awaitFiles(serve, n -> n == 3, SHOWS_WITHIN_SECONDS, "a file in the source index added");
        }
    }

    @Test
    void indexInAnotherProcessWhileServeRescansTheSameFolderWorksAndBothEndAgreeingWithTheDisk() throws Exception {
        Path library = dir.resolve("library");
        for (int i = 0; i < 200; i++) {
            TestFiles.write(library.resolve("f" + (i % 10) + "/p" + i + ".jpg"), "p" + i);
        }
        try (ServeProcess serve = serve(library.toString())) {
            serve.awaitStdout("for changes", 20);
            java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
            for (int round = 0; round < 8; round++) {
                // Changes the server is rescanning for while index writes the same source.
                for (int i = 0; i < 20; i++) {
                    TestFiles.write(library.resolve("f" + i % 10 + "/new " + round + "-" + i + ".jpg"), "n");
                }
                Files.delete(library.resolve("f" + round + "/p" + (round + 10) + ".jpg"));
                assertEquals(0, Main.run(quiet, quiet, "index", "--db", dir.resolve("db/index").toString()),
                        "index run " + round + " while serve watches");
            }
            long onDisk;
            try (var files = Files.walk(library)) {
                onDisk = files.filter(Files::isRegularFile).count();
            }
            awaitFiles(serve, n -> n == onDisk, SHOWS_WITHIN_SECONDS, "the last changes");
            List<String> names = namesInIndex();
            assertEquals(onDisk, names.size());
            assertEquals(names.size(), names.stream().distinct().count(), "no file twice");
            assertFalse(serve.stderr().contains("warning"), serve.stderr());
        }
    }
}
