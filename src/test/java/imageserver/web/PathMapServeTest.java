package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.webserver.WebServer;

import imageserver.index.EntryHasher;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.PathMap;
import imageserver.index.SaltSetting;
import imageserver.testing.TestFiles;

/** {@code serve --path-map}: a library indexed at one path, served from where this machine mounts it. */
class PathMapServeTest {
    @TempDir
    Path dir;

    @Test
    void aServerFindsTheFilesWhereItsPathMapSaysUnderTheIndexsAddresses() throws Exception {
        Path indexed = dir.resolve("srv/photos");
        TestFiles.write(indexed.resolve("2024/a.jpg"), "the bytes of a");
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            String salt = SaltSetting.establish(db, null).salt();
            new Indexer(db, salt, IndexListener.NONE).index(List.of(indexed));
            // This machine mounts the library elsewhere; the indexed path no longer exists here.
            Path mounted = Files.move(indexed, Files.createDirectories(dir.resolve("mnt/nas")).resolve("photos"));
            PathMap map = new PathMap(List.of(new PathMap.Mapping(dir.resolve("srv").toString(), dir.resolve("mnt/nas").toString())));
            WebServer web = ImageServer.start(new IndexReader(db, map, System::nanoTime), "127.0.0.1", 0);
            try {
                String hash = new EntryHasher(salt).hashHex(indexed.toString(), "2024/a.jpg");
                HttpResponse<String> data = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.port() + "/api/" + hash + "/data")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, data.statusCode(), "found at " + mounted);
                assertEquals("the bytes of a", data.body());
            } finally {
                web.stop();
            }
        }
        assertEquals(dir + "/mnt/nas/photos/x", new PathMap(List.of(new PathMap.Mapping(dir + "/srv", dir + "/mnt/nas")))
                .apply(dir + "/srv/photos/x"));
        assertEquals(dir + "/srvx/photos", new PathMap(List.of(new PathMap.Mapping(dir + "/srv", dir + "/mnt")))
                .apply(dir + "/srvx/photos"), "only whole folders are mapped");
    }
}
