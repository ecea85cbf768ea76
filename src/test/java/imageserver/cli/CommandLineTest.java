package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexLocation;
import imageserver.index.SaltSetting;
import imageserver.index.SourceCatalog;
import imageserver.index.SourceRecord;
import imageserver.testing.HoldDatabase;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;
import imageserver.testing.TestDatabase;

/** The command line as a user meets it: exit statuses, messages, and output through picocli's writers. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CommandLineTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private void assumeH2File() {
        org.junit.jupiter.api.Assumptions.assumeTrue(database == TestDatabase.H2,
                "an H2 file's own behaviour (compacting, locking): a PostgreSQL server is shared and reclaims free space itself");
    }

    private String db() {
        return database.index(dir).value();
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("index") && help.out().contains("sources") && help.out().contains("remove"));
        Run version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("image-server "), version.out());
        Run subHelp = run("help", "index");
        assertEquals(0, subHelp.status());
        assertTrue(subHelp.out().contains("--salt"), subHelp.out());
    }

    @Test
    void indexPrintsASummaryAndSourcesListsWhatItHolds() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        TestFiles.zip().stored("1.jpg", "1").directory("d/").writeTo(dir.resolve("a.zip"));

        Run index = run("index", photos.toString(), dir.resolve("a.zip").toString(), "--db", db());

        assertEquals(0, index.status(), index.err());
        assertTrue(index.out().matches(
                "sources: 2, added: 2, updated: 0, removed: 0, unchanged: 0, skipped: 1, left out: 0, failed: 0, elapsed: [0-9.]+ s\\R"),
                index.out());
        Run sources = run("sources", "--db", db());
        assertEquals(0, sources.status());
        assertTrue(sources.out().contains("directory") && sources.out().contains(photos.toString()), sources.out());
        assertTrue(sources.out().contains("zip") && sources.out().contains("a.zip"), sources.out());
    }

    @Test
    void globPatternsExpandAndAPatternMatchingNothingIsNamed() throws Exception {
        TestFiles.zip().stored("1.jpg", "1").writeTo(dir.resolve("archives/one.zip"));
        TestFiles.zip().stored("2.jpg", "2").writeTo(dir.resolve("archives/deep/er/two.cbz"));
        TestFiles.zip().stored("3.jpg", "3").writeTo(dir.resolve("archives/three.cbz"));
        String base = dir.resolve("archives").toString();

        Run run = run("index", base + "/*.zip", base + "/**/*.cbz", base + "/nothing-*.zip", "--db", db());

        assertEquals(1, run.status());
        assertTrue(run.err().contains(base + "/nothing-*.zip: pattern matches no folder or ZIP archive"), run.err());
        assertTrue(run.out().contains("sources: 3, added: 3"), run.out());
        assertTrue(run.out().contains("failed: 1"), run.out());
    }

    @Test
    void braceAndQuestionMarkPatterns() throws Exception {
        TestFiles.zip().stored("1.jpg", "1").writeTo(dir.resolve("a1.zip"));
        TestFiles.zip().stored("2.jpg", "2").writeTo(dir.resolve("b2.zip"));
        TestFiles.zip().stored("3.jpg", "3").writeTo(dir.resolve("c3.zip"));

        Run run = run("index", dir + "/{a,b}?.zip", "--db", db());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("sources: 2, added: 2"), run.out());
    }

    @Test
    void aFailedSourceIsNamedAndMakesTheStatusNonZero() throws Exception {
        TestFiles.write(dir.resolve("broken.zip"), "not a zip");
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");

        Run run = run("index", dir.resolve("broken.zip").toString(), dir.resolve("photos").toString(), "--db", db());

        assertEquals(1, run.status());
        assertTrue(run.err().contains(dir.resolve("broken.zip") + ": not a readable ZIP archive"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.out().contains("added: 1"), run.out());
    }

    @Test
    void indexWithoutSourcesRescansEverythingKnown() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("a.jpg"), "a");
        run("index", photos.toString(), "--db", db());
        TestFiles.write(photos.resolve("b.jpg"), "b");

        Run run = run("index", "--db", db());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("sources: 1, added: 1, updated: 0, removed: 0, unchanged: 1"), run.out());
    }

    @Test
    void removeForgetsSourcesByPathOrPattern() throws Exception {
        TestFiles.zip().stored("1.jpg", "1").writeTo(dir.resolve("a.zip"));
        TestFiles.zip().stored("2.jpg", "2").writeTo(dir.resolve("b.zip"));
        run("index", dir + "/*.zip", "--db", db());
        Files.delete(dir.resolve("b.zip"));

        Run removed = run("remove", dir + "/b.*", "--db", db());
        Run unknown = run("remove", dir.resolve("nope").toString(), "--db", db());

        assertEquals(0, removed.status(), removed.err());
        assertTrue(removed.out().contains("removed " + dir.resolve("b.zip") + " (1 files)"), removed.out());
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("nope: not an indexed source"), unknown.err());
        Run sources = run("sources", "--db", db());
        assertTrue(sources.out().contains("a.zip") && !sources.out().contains("b.zip"), sources.out());
    }

    @Test
    void badFlagsAreUsageErrors() {
        Run unknownFlag = run("index", "--frobnicate");
        assertEquals(2, unknownFlag.status());
        assertTrue(unknownFlag.err().contains("--frobnicate"), unknownFlag.err());
        Run emptySalt = run("index", "--salt", "", "--db", db());
        assertEquals(2, emptySalt.status());
        assertTrue(emptySalt.err().contains("--salt must not be empty"), emptySalt.err());
    }

    @Test
    void anIndexThatCannotBeOpenedIsOneClearLine() throws Exception {
        Path notADatabase = TestFiles.write(dir.resolve("bad/index.mv.db"), "garbage that is not H2");

        Run run = run("sources", "--db", notADatabase.toString());

        assertEquals(3, run.status());
        assertTrue(run.err().startsWith("image-server: error: cannot open the index " + notADatabase), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void anIndexLockedByAnotherProgramIsOneClearLineAndStaysIntact() throws Exception {
        assumeH2File();
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        assertEquals(0, run("index", dir.resolve("photos").toString(), "--db", db()).status());
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), db())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("holding " + db(), first);

            Run locked = run("sources", "--db", db());

            assertEquals(3, locked.status());
            assertTrue(locked.err().contains("another program has it open and locked"), locked.err());
            assertEquals(1, locked.err().strip().lines().count(), locked.err());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        }
        Run after = run("sources", "--db", db());
        assertEquals(0, after.status(), after.err());
        assertTrue(after.out().contains("photos"), after.out());
    }

    private String storedSalt(String db) throws Exception {
        try (IndexDatabase index = IndexDatabase.open(IndexLocation.parse(db))) {
            return SaltSetting.stored(index).orElseThrow();
        }
    }

    @Test
    void theSaltCanComeFromAFileOrTheEnvironmentInsteadOfTheCommandLine() throws Exception {
        Path photos = TestFiles.write(dir.resolve("photos/a.jpg"), "a").getParent();
        Path saltFile = TestFiles.write(dir.resolve("salt.txt"), "from-a-file\nignored second line\n");

        Run fromFile = run("index", photos.toString(), "--db", db(), "--salt-file", saltFile.toString());
        assertEquals(0, fromFile.status(), fromFile.err());
        assertEquals("from-a-file", storedSalt(db()));

        String other = dir.resolve("other/index").toString();
        ProcessBuilder index = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "index", photos.toString(),
                "--db", other).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        index.environment().put("IMAGE_SERVER_SALT", "from-the-environment");
        assertEquals(0, index.start().waitFor());
        assertEquals("from-the-environment", storedSalt(other));

        Run missing = run("index", "--db", db(), "--salt-file", dir.resolve("nowhere.txt").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--salt-file " + dir.resolve("nowhere.txt") + ": cannot be read (no such file)"),
                missing.err());
        Run both = run("index", "--db", db(), "--salt", "x", "--salt-file", saltFile.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("not both"), both.err());
        assertEquals("from-a-file", storedSalt(db()), "a refused run changes nothing");
    }

    @Test
    void aSaltChangeWhileServeHasTheIndexOpenIsRefusedUnlessForced() throws Exception {
        Path photos = TestFiles.write(dir.resolve("photos/a.jpg"), "a").getParent();
        assertEquals(0, run("index", photos.toString(), "--db", db(), "--salt", "first").status());
        try (ServeProcess serve = ServeProcess.start(List.of(), dir.resolve("serve.err"), "--db", db(), "--no-watch")) {
            Run refused = run("index", "--db", db(), "--salt", "second");
            assertEquals(2, refused.status());
            assertTrue(refused.err().contains("serve (process " + serve.process().pid() + ") has this index open"),
                    refused.err());
            assertEquals("first", storedSalt(db()));
            assertEquals(0, run("index", "--db", db(), "--salt", "first").status(), "the same salt is no change");

            Run forced = run("index", "--db", db(), "--salt", "second", "--force");
            assertEquals(0, forced.status(), forced.err());
            assertTrue(forced.err().contains("links made with the old salt"), forced.err());
            assertEquals("second", storedSalt(db()));
        }
        Run afterServe = run("index", "--db", db(), "--salt", "third");
        assertEquals(0, afterServe.status(), "with serve stopped, no refusal: " + afterServe.err());
    }

    @Test
    void theSaltIsNeverPrinted() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        String secret = "correct-horse-battery-staple";
        List<Run> runs = List.of(
                run("index", dir.resolve("photos").toString(), "--db", db(), "--salt", secret),
                run("index", "--db", db(), "--salt", secret + "-changed", "--verbose"),
                run("sources", "--db", db()));
        for (Run r : runs) {
            assertEquals(0, r.status(), r.err());
            assertFalse(r.out().contains("correct-horse") || r.err().contains("correct-horse"), r.out() + r.err());
        }
        assertTrue(runs.get(1).err().contains("salt changed"), "the change itself is reported: " + runs.get(1).err());
    }

    @Test
    void aSaltChangeCompactsTheIndexFileSoItDoesNotGrow() throws Exception {
        assumeH2File();
        Path zip = manyEntries(dir.resolve("many.zip"), 20_000);
        assertEquals(0, run("index", zip.toString(), "--db", db()).status());
        long before = Files.size(dir.resolve("db/index.mv.db"));

        Run salted = run("index", "--db", db(), "--salt", "another");

        assertEquals(0, salted.status(), salted.err());
        assertTrue(salted.err().contains("compacted the index file"), salted.err());
        assertTrue(Files.size(dir.resolve("db/index.mv.db")) <= before,
                "the file is no larger than before the salt change: " + before + " -> " + Files.size(dir.resolve("db/index.mv.db")));
        Run sources = run("sources", "--db", db());
        assertTrue(sources.out().contains("20000"), "every entry is still there: " + sources.out());
    }

    @Test
    void theIndexIsNotCompactedWhileServeHasItOpen() throws Exception {
        assumeH2File();
        Path zip = manyEntries(dir.resolve("many.zip"), 20_000);
        Path other = TestFiles.zip().stored("kept.jpg", "k").writeTo(dir.resolve("kept.zip"));
        assertEquals(0, run("index", zip.toString(), other.toString(), "--db", db()).status());

        try (ServeProcess serve = ServeProcess.start(
                List.of(), dir.resolve("serve.log"), "--db", db())) {
            // Removing almost every entry leaves most of the file free: alone, this compacts.
            Run removed = run("remove", zip.toString(), "--db", db());

            assertEquals(0, removed.status(), removed.err());
            assertFalse(removed.err().contains("compacted the index file"), removed.err());
            assertTrue(removed.err().contains("run image-server compact once that process has stopped"), removed.err());
            Run compact = run("compact", "--db", db());
            assertEquals(3, compact.status(), "serve still has it open: " + compact.err());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(serve.url() + "api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"files\": 1"), health.body());
        }
        long before = Files.size(dir.resolve("db/index.mv.db"));
        Run compact = run("compact", "--db", db());
        assertEquals(0, compact.status(), compact.err());
        assertTrue(compact.err().contains("compacted the index file"), "once serve has stopped, it is: " + compact.err());
        assertTrue(Files.size(dir.resolve("db/index.mv.db")) < before);
        assertTrue(run("sources", "--db", db()).out().contains("kept.zip"));
    }

    private static Path manyEntries(Path file, int count) throws IOException {
        TestFiles.Zip zip = TestFiles.zip();
        for (int i = 0; i < count; i++) {
            zip.stored("page-" + i + ".jpg", "x");
        }
        return zip.writeTo(file);
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLineAndLeavesTheIndexUsable() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        assertEquals(0, run("index", dir.resolve("photos").toString(), "--db", db()).status());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Run serve = run("serve", "--db", db(), "--host", "127.0.0.1", "--port", String.valueOf(port));

            assertEquals(3, serve.status(), serve.err());
            assertTrue(serve.err().contains("cannot listen on 127.0.0.1:" + port), serve.err());
            assertEquals(1, serve.err().strip().lines().count(), serve.err());

            TestFiles.write(dir.resolve("more/b.jpg"), "b");
            Run withSource = run("serve", dir.resolve("more").toString(), "--db", db(), "--host", "127.0.0.1",
                    "--port", String.valueOf(port));
            assertEquals(3, withSource.status(), withSource.err());
            assertEquals("", withSource.out(), "the port is checked before anything is indexed");
        }
        Run sources = run("sources", "--db", db());
        assertEquals(0, sources.status(), sources.err());
        assertTrue(sources.out().contains("photos"), sources.out());
        assertFalse(sources.out().contains("more"), sources.out());
    }

    @Test
    void helpWrapsAtWordsNeverInsideAPathOrAnExample() {
        for (String command : List.of("index", "serve", "sources", "remove", "compact")) {
            String help = run("help", command).out();
            assertTrue(help.lines().allMatch(line -> line.length() <= 80), command + ":\n" + help);
            assertTrue(help.contains("~/.local/share/image-server/index."), command + ":\n" + help);
            if (help.contains("Examples:")) {
                for (String example : help.substring(help.indexOf("Examples:")).lines().skip(1).toList()) {
                    assertTrue(example.isBlank() || example.startsWith("  image-server "), command + ": " + example);
                }
            }
        }
    }

    @Test
    void unreadableArchivesAreDescribedInTheUsersWordsAndVerboseAddsTheStackTrace() throws Exception {
        Path notZip = TestFiles.write(dir.resolve("notes.zip"), "just some text");
        Path good = TestFiles.zip().stored("1.jpg", "1").stored("2.jpg", "2").writeTo(dir.resolve("good.zip"));
        byte[] damaged = Files.readAllBytes(good);
        // Overwrite the central directory's first header, keeping the end record that points to it.
        int directory = indexOf(damaged, new byte[] {0x50, 0x4b, 0x01, 0x02});
        java.util.Arrays.fill(damaged, directory, directory + 30, (byte) 0x7f);
        Path broken = Files.write(dir.resolve("broken.zip"), damaged);

        Run plain = run("index", notZip.toString(), broken.toString(), "--db", db());
        Run verbose = run("index", notZip.toString(), "--db", db(), "--verbose");

        assertEquals(1, plain.status());
        assertTrue(plain.err().contains(notZip
                + ": not a readable ZIP archive: it has no end-of-central-directory record (cut short, or not a ZIP)"), plain.err());
        assertTrue(plain.err().contains(broken + ": not a readable ZIP archive: its central directory is damaged"), plain.err());
        assertFalse(plain.err().contains("Exception") || plain.err().contains("Channel"), plain.err());
        assertTrue(verbose.err().contains("\tat "), "a stack trace: " + verbose.err());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void sourcesSaysWhenEachSourceWasLastScannedAndWhenItLastChanged() throws Exception {
        Path zip = TestFiles.zip().stored("1.jpg", "1").writeTo(dir.resolve("a.zip"));
        assertEquals(0, run("index", zip.toString(), "--db", db()).status());
        SourceRecord first = onlySource();

        assertEquals(0, run("index", "--db", db()).status());
        SourceRecord second = onlySource();

        assertEquals(first.lastScan(), first.lastChange(), "indexed, so changed, then");
        assertTrue(second.lastScan().isAfter(first.lastScan()), "scanned again: " + second);
        assertEquals(first.lastChange(), second.lastChange(), "but unchanged since");
        String listed = run("sources", "--db", db()).out();
        assertTrue(listed.lines().findFirst().orElseThrow().matches("KIND +FILES +LAST SCAN +LAST CHANGE +STATE +PATH"), listed);
    }

    private SourceRecord onlySource() throws Exception {
        try (IndexDatabase db = IndexDatabase.open(IndexLocation.parse(db()))) {
            return new SourceCatalog(db).all().getFirst();
        }
    }

    @Test
    void aSourceInsideAKnownSourceOrContainingOneIsRefusedWithWhatToDo() throws Exception {
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("日本/a.jpg"), "a");
        TestFiles.write(photos.resolve("b.jpg"), "b");
        assertEquals(0, run("index", photos.toString(), "--db", db()).status());

        Run inside = run("index", photos.resolve("日本").toString(), "--db", db());
        Run containing = run("index", dir.toString(), "--db", db());
        Run twoAtOnce = run("index", dir.resolve("other").toString(), dir.resolve("other/sub").toString(), "--db", db());

        assertEquals(2, inside.status(), inside.err());
        assertTrue(inside.err().contains(photos.resolve("日本") + " is inside " + photos), inside.err());
        assertTrue(inside.err().contains("image-server remove " + photos), inside.err());
        assertEquals(2, containing.status(), containing.err());
        assertTrue(containing.err().contains(dir + " contains " + photos), containing.err());
        assertEquals(2, twoAtOnce.status(), twoAtOnce.err());
        assertTrue(twoAtOnce.err().contains("name only one of them"), twoAtOnce.err());
        Run sources = run("sources", "--db", db());
        assertEquals(2, sources.out().lines().count(), "nothing was added: " + sources.out());
        assertTrue(sources.out().contains(" 2  "), "photos still holds its two files once: " + sources.out());
    }

    @Test
    void allFilesIsRememberedPerSourceAndTheSummarySaysWhatWasLeftOut() throws Exception {
        Path docs = dir.resolve("docs");
        TestFiles.write(docs.resolve("a.jpg"), "a");
        TestFiles.write(docs.resolve("notes.txt"), "n");
        TestFiles.write(docs.resolve(".DS_Store"), "d");
        Path photos = dir.resolve("photos");
        TestFiles.write(photos.resolve("b.jpg"), "b");
        TestFiles.write(photos.resolve("notes.txt"), "n");

        Run first = run("index", docs.toString(), "--all-files", "--db", db());
        Run second = run("index", photos.toString(), "--db", db());
        TestFiles.write(docs.resolve("more.txt"), "m");
        Run rescan = run("index", "--db", db());

        assertTrue(first.out().contains("added: 3, updated: 0, removed: 0, unchanged: 0, skipped: 0, left out: 0,"), first.out());
        assertTrue(second.out().contains("added: 1, updated: 0, removed: 0, unchanged: 0, skipped: 0, left out: 1,"), second.out());
        assertTrue(rescan.out().contains("added: 1, updated: 0, removed: 0, unchanged: 4,"), "more.txt joins docs: " + rescan.out());
    }

    @Test
    void tokenPrintsANewTokenOnceAndRotateReplacesIt() {
        Run first = run("token", "--db", db());
        assertEquals(0, first.status(), first.err());
        String token = first.out().strip();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);

        Run again = run("token", "--db", db());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("cannot be shown again") && again.err().contains("--rotate"), again.err());
        assertEquals("", again.out());

        Run rotated = run("token", "--db", db(), "--rotate");
        assertEquals(0, rotated.status(), rotated.err());
        assertFalse(rotated.out().strip().equals(token));
    }

    @Test
    void aPasswordFileThatCannotServeIsNamedAndNothingIsServed() throws Exception {
        Run missing = run("serve", "--db", db(), "--port", "0", "--password-file", dir.resolve("nowhere").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--password-file " + dir.resolve("nowhere") + ": cannot be read (no such file)"),
                missing.err());
        Path empty = TestFiles.write(dir.resolve("empty.txt"), "\n");
        Run blank = run("serve", "--db", db(), "--port", "0", "--password-file", empty.toString());
        assertEquals(2, blank.status());
        assertTrue(blank.err().contains("--password-file " + empty + ": its first line is empty"), blank.err());
        Run days = run("serve", "--db", db(), "--port", "0", "--session-days", "0");
        assertEquals(2, days.status());
        assertTrue(days.err().contains("--session-days must be between 1 and 3650, not 0"), days.err());
    }

    @Test
    void tlsFilesThatAreNotAPemCertificateAndKeyAreNamed() throws Exception {
        Path cert = TestFiles.write(dir.resolve("cert.pem"), "not a certificate\n");
        Path key = TestFiles.write(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Run half = run("serve", "--db", db(), "--port", "0", "--tls-cert", cert.toString());
        assertEquals(2, half.status());
        assertTrue(half.err().contains("give both --tls-cert and --tls-key"), half.err());
        Run missing = run("serve", "--db", db(), "--port", "0", "--tls-cert", cert.toString(),
                "--tls-key", dir.resolve("nokey.pem").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--tls-key " + dir.resolve("nokey.pem") + ": no such file"), missing.err());
        Run garbage = run("serve", "--db", db(), "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertEquals(2, garbage.status());
        assertTrue(garbage.err().contains(key.toString()), garbage.err());
        assertFalse(garbage.err().contains("\tat "), "no stack trace: " + garbage.err());
    }
}
