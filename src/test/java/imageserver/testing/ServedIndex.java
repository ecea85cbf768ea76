package imageserver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.WebServer;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.IndexSummary;
import imageserver.index.IndexedEntry;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.source.FileSelection;
import imageserver.index.SourceCatalog;
import imageserver.index.SourceRecord;
import imageserver.web.ImageServer;

/** Sources indexed into a real H2 file and served over real HTTP on a free loopback port. */
public final class ServedIndex implements AutoCloseable {
    private final IndexDatabase db;
    private final IndexReader reader;
    private final WebServer server;
    private final IndexSummary summary;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServedIndex(IndexDatabase db, IndexSummary summary) {
        this.db = db;
        this.summary = summary;
        this.reader = new IndexReader(db);
        this.server = ImageServer.start(reader, "127.0.0.1", 0);
    }

    public static ServedIndex of(Path dbDir, List<Path> sources) throws IndexException {
        return of(dbDir, sources, FileSelection.MEDIA);
    }

    public static ServedIndex of(Path dbDir, List<Path> sources, FileSelection selection) throws IndexException {
        IndexDatabase db = IndexDatabase.open(dbDir.resolve("index"));
        try {
            String salt = SaltSetting.establish(db, "test-salt").salt();
            IndexSummary summary = new Indexer(db, salt, IndexListener.NONE).index(sources, selection);
            return new ServedIndex(db, summary);
        } catch (IndexException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public IndexSummary summary() {
        return summary;
    }

    public List<SourceRecord> sources() throws IndexException {
        return new SourceCatalog(db).all();
    }

    public SourceRecord source(String name) throws IndexException {
        return sources().stream().filter(s -> Path.of(s.path()).getFileName().toString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no source " + name));
    }

    public long total() throws IndexException {
        return reader.total();
    }

    /** The entry at a 1-based position in natural order. */
    public IndexedEntry at(long position) throws IndexException {
        return reader.atPosition(position).orElseThrow(() -> new AssertionError("no entry at " + position));
    }

    /** Every indexed entry, in natural order. */
    public List<IndexedEntry> entries() throws IndexException {
        List<IndexedEntry> entries = new ArrayList<>();
        for (long p = 1; p <= reader.total(); p++) {
            entries.add(reader.atPosition(p).orElseThrow());
        }
        return entries;
    }

    public IndexedEntry entry(String sourceName, String path) throws IndexException {
        return entries().stream()
                .filter(e -> Path.of(e.sourcePath()).getFileName().toString().equals(sourceName) && e.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("not indexed: " + sourceName + " " + path));
    }

    /** The hash of a folder or archive of a source ("" for the source itself): its /browse/{hash}. */
    public String containerHash(String sourceName, String containerPath) throws IndexException {
        return new imageserver.index.EntryHasher("test-salt").containerHashHex(source(sourceName).path(), containerPath);
    }

    /** GET with optional header name/value pairs. */
    public HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    /** A request without a body (GET, HEAD) with optional header name/value pairs. */
    public HttpResponse<byte[]> send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The bytes {@code /api/{hash}/data} serves, which must come with a 200. */
    public byte[] data(IndexedEntry entry) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get("/api/" + entry.hash() + "/data");
        assertEquals(200, response.statusCode(), entry.path());
        return response.body();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
        server.stop();
        reader.close();
        db.close();
    }
}
