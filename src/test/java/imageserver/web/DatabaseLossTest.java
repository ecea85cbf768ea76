package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.webserver.WebServer;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexLocation;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.TcpRelay;
import imageserver.testing.TestDatabase;
import imageserver.testing.TestFiles;

/**
 * A server whose PostgreSQL server goes away answers 503 for what it must look up, never a 500
 * or a stack trace, and answers again by itself once the database is back. The database is
 * reached through a relay the test cuts and mends: the real server, lost on the network.
 */
class DatabaseLossTest {
    /** How soon a server must answer again once the database is back. */
    private static final java.time.Duration RECOVERY = java.time.Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServerThatLosesTheDatabaseAnswers503AndRecoversByItself() throws Exception {
        IndexLocation.Postgres direct = (IndexLocation.Postgres) TestDatabase.POSTGRESQL.index(dir);
        Properties parsed = org.postgresql.Driver.parseURL(direct.url(), null);
        InetSocketAddress server = new InetSocketAddress(parsed.getProperty("PGHOST"), Integer.parseInt(parsed.getProperty("PGPORT")));
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        TestFiles.write(dir.resolve("photos/b.jpg"), "b");
        try (TcpRelay relay = new TcpRelay(server);
             IndexDatabase db = IndexDatabase.open(IndexLocation.parse(
                     direct.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + relay.port() + "/")))) {
            String salt = SaltSetting.establish(db, null).salt();
            new Indexer(db, salt, IndexListener.NONE).index(List.of(dir.resolve("photos")));
            WebServer web = ImageServer.start(new IndexReader(db), "127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + web.port();
                assertEquals(200, get(base + "/api/random").statusCode());

                relay.cut();
                for (String path : List.of("/api/random", "/api/health", "/")) {
                    HttpResponse<String> lost = get(base + path);
                    assertEquals(503, lost.statusCode(), path + ": " + lost.body());
                    assertFalse(lost.body().contains("Exception") || lost.body().contains("at org."), lost.body());
                    assertFalse(lost.body().contains("postgresql"), "no URL in the answer: " + lost.body());
                }

                relay.mend();
                // Each answer waits at most the pool's timeout for a connection: a few tries, no sleeps.
                long mended = System.nanoTime();
                HttpResponse<String> back = get(base + "/api/random");
                while (back.statusCode() == 503 && System.nanoTime() - mended < RECOVERY.toNanos()) {
                    back = get(base + "/api/random");
                }
                System.out.printf("answering again %d ms after the database came back%n", (System.nanoTime() - mended) / 1_000_000);
                assertEquals(200, back.statusCode(), back.body());
                assertTrue(back.body().matches("\\{\"hash\": \"[0-9a-f]{64}\"}"), back.body());
            } finally {
                web.stop();
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
