package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexedEntry;
import imageserver.testing.ServedIndex;
import imageserver.testing.TestFiles;

/** Deflated ZIP entries go out as archived, wrapped as gzip, to clients that accept it; everyone else gets the bytes. */
class GzipDataTest {
    private static final String BROWSER = "gzip, deflate, br, zstd";

    @TempDir
    Path dir;

    private final byte[] page = "a deflated page of text ".repeat(4_000).getBytes();
    /** Larger than a response buffer, so the gzip form streams rather than leaving in one write. */
    private final byte[] large = TestFiles.bytes(700_000, 11);
    private final byte[] photo = TestFiles.bytes(40_000, 12);
    private ServedIndex served;

    @BeforeEach
    void start() throws Exception {
        TestFiles.zip().deflated("page.jpg", page).deflated("large.png", large).stored("stored.jpg", photo)
                .writeTo(dir.resolve("book.zip"));
        TestFiles.write(dir.resolve("photos/photo.jpg"), photo);
        served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("book.zip"), dir.resolve("photos")));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private String data(String source, String path) throws Exception {
        IndexedEntry entry = served.entry(source, path);
        return "/api/" + entry.hash() + "/data";
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Optional<String> optionalHeader(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void deflatedEntryIsSentAsArchivedWrappedAsGzip() throws Exception {
        for (String path : List.of("page.jpg", "large.png")) {
            IndexedEntry entry = served.entry("book.zip", path);
            HttpResponse<byte[]> response = served.get(data("book.zip", path), "Accept-Encoding", BROWSER);
            assertEquals(200, response.statusCode(), path);
            assertEquals("gzip", header(response, "content-encoding"), path);
            assertEquals("Accept-Encoding", header(response, "vary"), path);
            // The archived deflate data plus the 10-byte header and 8-byte trailer: nothing recompressed.
            assertEquals(entry.storage().compressedSize() + 18, response.body().length, path);
            assertEquals(String.valueOf(response.body().length), header(response, "content-length"), path);
            assertArrayEquals(path.equals("page.jpg") ? page : large, gunzip(response.body()), path);
        }
    }

    @Test
    void clientsThatRefuseGzipOrAskForARangeGetTheDecodedBytes() throws Exception {
        String page = data("book.zip", "page.jpg");
        for (String[] headers : List.of(new String[0], new String[] {"Accept-Encoding", "identity;q=1, *;q=0"},
                new String[] {"Accept-Encoding", "gzip;q=0, *"}, new String[] {"Accept-Encoding", "br"})) {
            HttpResponse<byte[]> response = served.get(page, headers);
            assertEquals(200, response.statusCode());
            assertTrue(optionalHeader(response, "content-encoding").isEmpty(), String.join(" ", headers));
            assertEquals("Accept-Encoding", header(response, "vary"));
            assertArrayEquals(this.page, response.body(), String.join(" ", headers));
        }
        HttpResponse<byte[]> range = served.get(page, "Accept-Encoding", BROWSER, "Range", "bytes=24-47");
        assertEquals(206, range.statusCode());
        assertTrue(optionalHeader(range, "content-encoding").isEmpty());
        assertEquals("a deflated page of text ", new String(range.body()));
    }

    @Test
    void gzipFormHasItsOwnEtagAndRevalidates() throws Exception {
        String page = data("book.zip", "page.jpg");
        String gzipTag = header(served.get(page, "Accept-Encoding", BROWSER), "etag");
        String plainTag = header(served.get(page), "etag");
        assertNotEquals(plainTag, gzipTag);
        HttpResponse<byte[]> revalidated = served.get(page, "Accept-Encoding", BROWSER, "If-None-Match", gzipTag);
        assertEquals(304, revalidated.statusCode());
        assertEquals(gzipTag, header(revalidated, "etag"));
        assertEquals(304, served.get(page, "If-None-Match", plainTag).statusCode());
        // A copy of the other form is not the one this client would get.
        assertEquals(200, served.get(page, "Accept-Encoding", BROWSER, "If-None-Match", plainTag).statusCode());
    }

    @Test
    void headOfTheGzipFormHasItsLengthAndNoBody() throws Exception {
        String page = data("book.zip", "page.jpg");
        long gzipLength = served.get(page, "Accept-Encoding", BROWSER).body().length;
        HttpResponse<byte[]> head = served.send("HEAD", page, "Accept-Encoding", BROWSER);
        assertEquals(200, head.statusCode());
        assertEquals("gzip", header(head, "content-encoding"));
        assertEquals(String.valueOf(gzipLength), header(head, "content-length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void storedEntriesAndFolderFilesIgnoreAcceptEncoding() throws Exception {
        for (String url : List.of(data("book.zip", "stored.jpg"), data("photos", "photo.jpg"))) {
            HttpResponse<byte[]> response = served.get(url, "Accept-Encoding", BROWSER);
            assertEquals(200, response.statusCode());
            assertTrue(optionalHeader(response, "content-encoding").isEmpty(), url);
            assertTrue(optionalHeader(response, "vary").isEmpty(), url);
            assertArrayEquals(photo, response.body(), url);
        }
    }
}
