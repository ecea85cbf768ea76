package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexReader;
import imageserver.testing.ExternalTools;
import imageserver.testing.H2Trace;
import imageserver.testing.ServeProcess;

/**
 * A 1 GiB entry that deflates to about a megabyte, served by a real {@code serve} process with
 * a 64 MB heap: it streams whole and exact, and SIGTERM in the middle of it stops cleanly.
 */
class LargeEntryServeTest {
    private static final long SIZE = 1L << 30;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static long crc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void makeArchive() throws IOException {
        CRC32 checksum = new CRC32();
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) "scanned page ".charAt(i % 13);
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(shared.resolve("huge.zip")))) {
            zip.putNextEntry(new ZipEntry("huge.tif"));
            for (long written = 0; written < SIZE; written += block.length) {
                zip.write(block);
                checksum.update(block);
            }
            zip.closeEntry();
        }
        crc = checksum.getValue();
    }

    private ServeProcess serveWithSmallHeap() throws Exception {
        return ServeProcess.start(List.of("-Xmx64m"), dir.resolve("serve.err"),
                shared.resolve("huge.zip").toString(), "--db", dir.resolve("db/index").toString());
    }

    private String dataUrl(ServeProcess served) throws Exception {
        String random = http.send(HttpRequest.newBuilder(URI.create(served.url() + "api/random")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return served.url() + "api/" + random.replaceAll(".*\"([0-9a-f]{64})\".*", "$1") + "/data";
    }

    private HttpResponse<InputStream> download(String url) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(SIZE, response.headers().firstValueAsLong("content-length").orElseThrow());
        return response;
    }

    private static long crcOf(InputStream in, long[] length) throws IOException {
        CRC32 checksum = new CRC32();
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            checksum.update(buffer, 0, n);
            length[0] += n;
        }
        return checksum.getValue();
    }

    @Test
    void aGigabyteEntryStreamsWholeAndExactFromA64MegabyteHeap() throws Exception {
        ExternalTools.require("unzip");
        try (ServeProcess served = serveWithSmallHeap()) {
            long[] length = {0};
            try (InputStream body = download(dataUrl(served)).body()) {
                assertEquals(crc, crcOf(body, length));
            }
            assertEquals(SIZE, length[0]);
        }
        Process unzip = new ProcessBuilder("unzip", "-p", shared.resolve("huge.zip").toString()).start();
        long[] extracted = {0};
        try (InputStream out = unzip.getInputStream()) {
            assertEquals(crc, crcOf(out, extracted), "served bytes equal what unzip -p extracts");
        }
        assertEquals(SIZE, extracted[0]);
    }

    @Test
    void sigtermDuringAStreamStopsTheServerCleanly() throws Exception {
        ServeProcess served = serveWithSmallHeap();
        HttpResponse<InputStream> response = download(dataUrl(served));
        InputStream body = response.body();
        assertEquals(1 << 20, body.readNBytes(1 << 20).length, "the response is under way, far from its end");
        served.process().destroy();  // SIGTERM
        boolean stopped = served.process().waitFor(20, TimeUnit.SECONDS);
        try {
            body.close();
        } catch (IOException cut) {
            // The connection may be cut as the server stops: that is the point.
        }
        assertTrue(stopped, "serve stops while a response streams");
        String stderr = served.stderr();
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
        H2Trace.assertNoErrors(dir.resolve("db/index"), "while serve stopped");
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"))) {
            assertEquals(1, new IndexReader(db).total(), "the index is intact after the stop");
        }
    }
}
