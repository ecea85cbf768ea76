package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.webserver.WebServer;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.RawHttp;
import imageserver.testing.TestFiles;

/**
 * 10,000 generated requests over raw sockets (so nothing is normalised on the way): odd paths,
 * encoded traversal, invalid UTF-8, overlong segments, strange queries and headers. Never a 5xx,
 * never a stack trace or a filesystem path in a body, and the server stays healthy.
 */
class HostileInputTest {
    private static final int REQUESTS = 10_000;

    @TempDir
    Path dir;

    private IndexDatabase db;
    private IndexReader reader;
    private WebServer server;
    private final List<String> hashes = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), TestFiles.bytes(5_000, 1));
        TestFiles.write(dir.resolve("photos/page.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        TestFiles.zip().stored("s.jpg", TestFiles.bytes(4_000, 2)).deflated("d.png", "deflate ".repeat(500))
                .writeTo(dir.resolve("book.zip"));
        db = IndexDatabase.open(dir.resolve("db/index"));
        String salt = SaltSetting.establish(db, null).salt();
        new Indexer(db, salt, IndexListener.NONE).index(List.of(dir.resolve("photos"), dir.resolve("book.zip")));
        reader = new IndexReader(db);
        for (long p = 1; p <= reader.total(); p++) {
            hashes.add(reader.atPosition(p).orElseThrow().hash());
            folders.add(reader.place(reader.atPosition(p).orElseThrow()).containerHash());
        }
        server = ImageServer.start(reader, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
        reader.close();
        db.close();
    }

    @Test
    void generatedHostileRequestsNeverBreakTheServer() throws Exception {
        Random random = new Random(20261128);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            String request = request(random);
            RawHttp.Response response;
            try {
                response = send(request);
            } catch (java.net.SocketTimeoutException e) {
                failures.add("no answer in 10 s for " + request.replaceAll("[^ -~]", "?"));
                continue;
            }
            String problem = problem(response, dir.toString());
            if (problem != null) {
                failures.add(problem + " for " + request.lines().findFirst().orElse("").replaceAll("[^ -~]", "?"));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        RawHttp.Response health = send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, health.status());
        assertTrue(health.body().contains("\"files\": 4"), health.body());
    }

    @Test
    void malformedPathsAre400WithTheBodyOfTheirRouteGroup() throws Exception {
        for (String path : List.of("/api/%zz/data", "/api/" + hashes.get(0) + "%4", "/api/a<b>", "/%zz", "/a\\b", "/{x}")) {
            RawHttp.Response response = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(400, response.status(), path);
            if (path.startsWith("/api/")) {
                assertEquals("{\"error\": \"malformed path\", \"status\": 400}", response.body(), path);
            } else {
                assertTrue(response.body().startsWith("<!doctype html>") && response.body().contains("malformed path"), path);
            }
        }
        RawHttp.Response escaped = send("GET /api/%68ealth HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(200, escaped.status(), "a well-formed escape is decoded before routing");
    }

    private String request(Random random) {
        String hash = hashes.get(random.nextInt(hashes.size()));
        String folder = folders.get(random.nextInt(folders.size()));
        String path = switch (random.nextInt(17)) {
            case 0 -> "/api/" + hash + "/data";
            case 1 -> "/api/" + hash;
            case 2 -> "/" + hash + "?order=" + junk(random) + "&delay=" + junk(random);
            case 3 -> "/" + junk(random) + "/" + junk(random);
            case 4 -> "/" + junk(random) + "/" + junk(random) + "/" + hash;
            case 5 -> "/api/%2e%2e/%2e%2e/" + junk(random);
            case 6 -> "/..%2f..%2f" + junk(random);
            case 7 -> "/api/" + hash.toUpperCase() + "/data";
            case 8 -> "/" + "a".repeat(1 + random.nextInt(8_000));
            case 9 -> "/static/" + junk(random);
            case 10 -> "/api/" + hash + "/data?" + junk(random);
            case 11 -> "/%ff%fe%c0%af/" + junk(random);
            case 12 -> "/" + hash.substring(0, 63) + "%00";
            case 13 -> "/browse/" + folder + "?at=" + junk(random) + "&order=" + junk(random) + "&delay=" + junk(random);
            case 14 -> "/api/browse/" + folder + "?offset=" + junk(random) + "&limit=" + junk(random);
            case 15 -> "/browse/" + (random.nextBoolean() ? hash : junk(random)) + "?at=" + hash;
            default -> "/" + junk(random);
        };
        StringBuilder headers = new StringBuilder();
        switch (random.nextInt(6)) {
            case 0 -> headers.append("Range: bytes=").append(ranges(random)).append("\r\n");
            case 1 -> headers.append("If-None-Match: ").append(junk(random)).append("\r\n");
            case 2 -> headers.append("Range: ").append(junk(random)).append("\r\n");
            case 3 -> headers.append("If-Range: ").append(junk(random)).append("\r\nRange: bytes=0-10\r\n");
            case 4 -> headers.append("Range: bytes=").append(Long.MAX_VALUE).append("-\r\n");
            default -> { }
        }
        String method = random.nextInt(10) == 0 ? "HEAD" : "GET";
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String ranges(Random random) {
        StringBuilder sb = new StringBuilder();
        int count = random.nextInt(3) == 0 ? 1 + random.nextInt(500) : 1;
        for (int i = 0; i < count; i++) {
            sb.append(i > 0 ? "," : "").append(random.nextInt(10_000) - 50).append('-').append(random.nextInt(20_000));
        }
        return sb.toString();
    }

    private static String junk(Random random) {
        String alphabet = "abc019%/.-_~!$&'()*+,;=:@?#[]{}<>\"\\ ^`|é日\u0000\u007f";
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            if (c == '%') {
                sb.append('%').append(Integer.toHexString(random.nextInt(256)));
            } else if (c > 127 || c < 32 || c == ' ' || c == 127) {
                sb.append('%').append(String.format("%02X", random.nextInt(256)));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** What is wrong with a response to a hostile request, or null: a 5xx, no status line, or a body that leaks. */
    private static String problem(RawHttp.Response response, String privatePath) {
        if (response.status() >= 500) {
            return "status " + response.status();
        }
        if (response.status() == 0) {
            return "no status line";
        }
        String body = response.body();
        if (body.contains(privatePath) || body.contains("Exception") || body.contains("\tat ")) {
            return "leaky body: " + body.substring(0, Math.min(200, body.length()));
        }
        return null;
    }

    private RawHttp.Response send(String request) throws IOException {
        return RawHttp.exchange(server.port(), request);
    }
}
