package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexLocation;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;
import imageserver.testing.TestDatabase;

/** {@code image-server serve} as a real process: index-then-serve, restart without SOURCE, SIGTERM. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ServeCommandTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess serve(String... sources) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(sources));
        args.addAll(List.of("--db", database.index(dir).value()));
        return ServeProcess.start(List.of(), dir.resolve("serve.err"), args.toArray(String[]::new));
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    @Test
    void serveIndexesItsSourcesThenARestartServesTheSameHashes() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        TestFiles.zip().stored("b.jpg", "b").writeTo(dir.resolve("b.zip"));

        ServeProcess first = serve(dir.resolve("photos").toString(), dir.resolve("b.zip").toString());
        String hash;
        try {
            assertEquals(2, first.files());
            assertTrue(get(first.url() + "api/health").startsWith("{\"status\": \"ok\", \"files\": 2, "));
            hash = get(first.url() + "api/random").replaceAll(".*\"([0-9a-f]{64})\".*", "$1");
        } finally {
            first.close();
        }

        String accessLog = java.nio.file.Files.readString(dir.resolve("serve.err"));
        assertTrue(accessLog.contains("\"GET /api/health HTTP/1.1\" 200"), "one access-log line per request: " + accessLog);

        ServeProcess second = serve();
        try {
            assertEquals(2, second.files());
            assertTrue(get(second.url() + "api/" + hash).contains("\"hash\": \"" + hash + "\""));
        } finally {
            second.close();
        }
    }

    @Test
    void indexWhileServingIsSeenWithoutRestart() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        ServeProcess served = serve(dir.resolve("photos").toString());
        try {
            TestFiles.zip().stored("1.jpg", "1").stored("2.jpg", "2").writeTo(dir.resolve("more.zip"));
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int status = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    "index", dir.resolve("more.zip").toString(), "--db", database.index(dir).value());
            assertEquals(0, status, err.toString());
            assertTrue(get(served.url() + "api/health").startsWith("{\"status\": \"ok\", \"files\": 3, "));
        } finally {
            served.close();
        }
    }

    @Test
    void serveAnswersAtOnceAndRebuildsInTheBackgroundTheLookupThatAKilledBulkLoadLeftStale() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        TestFiles.write(dir.resolve("photos/b.jpg"), "b");
        IndexLocation location = database.index(dir);
        String hash;
        try (IndexDatabase db = IndexDatabase.open(location)) {
            String salt = SaltSetting.establish(db, null).salt();
            new Indexer(db, salt, IndexListener.NONE)
                    .index(List.of(dir.resolve("photos")));
            hash = new IndexReader(db).atPosition(2).orElseThrow().hash();
            // What a kill -9 during a bulk load leaves: the rows, their lookup marked stale and behind.
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM hash_buckets");
                st.execute("INSERT INTO settings (name, val) VALUES ('lookup_stale', 'killed')");
            }
            assertTrue(db.lookupIsStale());
        }

        ServeProcess served = serve();
        try {
            assertTrue(get(served.url() + "api/health").startsWith("{\"status\": \"ok\", \"files\": 2, "));
            served.awaitStderr("the lookup by hash is rebuilt", 30);
            assertTrue(get(served.url() + "api/" + hash).contains("\"name\": \"b.jpg\""));
        } finally {
            served.close();
        }
        assertTrue(java.nio.file.Files.readString(dir.resolve("serve.err")).contains("rebuilding the lookup by hash in the background"));
        try (IndexDatabase db = IndexDatabase.open(location)) {
            assertFalse(db.lookupIsStale());
        }
    }

    @Test
    void onlyTheHttpPortListensBeyondLoopback() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        try (ServeProcess served = ServeProcess.start(List.of(), dir.resolve("serve.err"), dir.resolve("photos").toString(),
                "--db", database.index(dir).value(), "--host", "0.0.0.0", "--port", "0")) {
            int httpPort = URI.create(served.url()).getPort();
            List<String[]> listening = listeningSockets(served.process().pid());
            int expected = database == TestDatabase.H2 ? 2 : 1;
            assertTrue(listening.size() >= expected, "the HTTP port (and H2's auto-server port): " + listening.size());
            for (String[] socket : listening) {
                int port = Integer.parseInt(socket[1], 16);
                // 127.0.0.1, ::1, or ::ffff:127.0.0.1 (IPv4-mapped), as /proc/net prints them
                boolean loopback = List.of("0100007F", "00000000000000000000000001000000",
                        "0000000000000000FFFF00000100007F").contains(socket[0]);
                assertTrue(port == httpPort || loopback, "port " + port + " listens on " + socket[0]);
            }
        }
    }

    /** [hex address, hex port] of each TCP socket the process listens on, from /proc. */
    private static List<String[]> listeningSockets(long pid) throws Exception {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = java.nio.file.Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException gone) {
                    // closed while we looked
                }
            }
        }
        List<String[]> listening = new java.util.ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(f[1].split(":"));
                }
            }
        }
        return listening;
    }

    @Test
    void thumbnailsAreKeptBesideTheIndexFileOrInTheUsersCacheUnlessTheCacheIsOff() throws Exception {
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(900, 600, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpeg", jpeg);
        TestFiles.write(dir.resolve("photos/a.jpg"), jpeg.toByteArray());
        // An index on a server has no folder of its own: the user's cache holds them.
        Path home = dir.resolve("home");
        Path kept = database == TestDatabase.H2 ? dir.resolve("db/thumbnails") : home.resolve(".cache/image-server/thumbnails");
        org.junit.jupiter.api.Assumptions.assumeTrue(database == TestDatabase.H2 || System.getenv("XDG_CACHE_HOME") == null,
                "XDG_CACHE_HOME names the cache here");
        try (ServeProcess served = ServeProcess.start(List.of("-Duser.home=" + home), dir.resolve("serve.err"),
                dir.resolve("photos").toString(), "--db", database.index(dir).value())) {
            String hash = get(served.url() + "api/random").replaceAll(".*\"([0-9a-f]{64})\".*", "$1");
            HttpResponse<byte[]> thumb = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/" + hash + "/thumb"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("image/jpeg", thumb.headers().firstValue("content-type").orElseThrow());
            try (var files = java.nio.file.Files.list(kept)) {
                assertEquals(List.of(thumb.body().length), files.map(f -> (int) f.toFile().length()).toList());
            }
        }
        deleteTree(kept);
        try (ServeProcess uncached = ServeProcess.start(List.of(), dir.resolve("serve.err"),
                "--db", database.index(dir).value(), "--thumb-cache", "off")) {
            String hash = get(uncached.url() + "api/random").replaceAll(".*\"([0-9a-f]{64})\".*", "$1");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(uncached.url() + "api/" + hash + "/thumb"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertFalse(java.nio.file.Files.exists(kept), "off: nothing kept");
        }
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }
}
