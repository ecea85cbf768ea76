package imageserver.web;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.source.InflaterPool;
import imageserver.source.MimeTypes;

/** {@code /api/{hash}/data}: the file's bytes, streamed, with HEAD, Range and conditional GET. */
final class DataService implements HttpService {
    private static final Logger LOG = System.getLogger(DataService.class.getName());
    private static final int MAX_REMEMBERED_VANISHED = 10_000;
    /** Files kept open between requests: far below the descriptor limit, and a slideshow rarely returns to a folder file. */
    private static final int OPEN_FILES = 256;
    /** Inflaters kept for reuse: one per request decoding at once, as many as the buffers. */
    private static final int INFLATERS = 64;
    // Headers every response carries, made once: Helidon writes a cached header's bytes as they are.
    private static final Header REVALIDATE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");
    private static final Header VARY_ENCODING = HeaderValues.createCached(HeaderNames.VARY, HeaderNames.ACCEPT_ENCODING.defaultCase());
    private static final Header GZIP = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "gzip");
    private static final Header SANDBOX = HeaderValues.createCached(ViewerPage.CONTENT_SECURITY_POLICY, "sandbox");

    private final IndexReader reader;
    private final BufferPool buffers = new BufferPool();
    private final InflaterPool inflaters = new InflaterPool(INFLATERS);
    private final OpenFiles openFiles;
    private final FileRouteActivity activity;
    /** Vanished files already logged, so a reloading browser does not flood the log. */
    private final Set<String> reportedVanished = ConcurrentHashMap.newKeySet();
    /** A Content-Type header per MIME type (MimeTypes knows a fixed few). */
    private final Map<String, Header> contentTypes = new ConcurrentHashMap<>();

    /** Serves the reader's entries; {@code nanoTime} tells when an open file's attributes are due to be read again. */
    DataService(IndexReader reader, LongSupplier nanoTime, FileRouteActivity activity) {
        this.reader = reader;
        this.activity = activity;
        this.openFiles = new OpenFiles(OPEN_FILES, MappingBudget.fromSystemProperty(), nanoTime);
    }

    @Override
    public void afterStop() {
        openFiles.close();
        inflaters.close();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/{hash}/data", (req, res) -> answer(req, res, true))
                .head("/api/{hash}/data", (req, res) -> answer(req, res, false));
    }

    private void answer(ServerRequest req, ServerResponse res, boolean withBody) throws IndexException, IOException {
        activity.requested();
        String hash = req.path().pathParameters().get("hash");
        IndexedEntry entry = reader.byHash(hash).orElseThrow(() -> new NotFound("unknown hash"));
        EntryContent content;
        try {
            content = EntryContent.open(entry, openFiles, inflaters);
        } catch (EntryContent.Gone e) {
            reportVanished(hash, e.getMessage());
            throw new NotFound(e.getMessage());
        }
        try (content) {
            // A deflated entry goes out as archived, wrapped as gzip, to clients that accept it;
            // a Range request gets the decoded bytes, as ranges of the gzip form help no one.
            boolean gzip = content.isDeflated() && req.headers().first(HeaderNames.RANGE).isEmpty()
                    && AcceptEncoding.allowsGzip(req.headers().first(HeaderNames.ACCEPT_ENCODING));
            String etag = gzip ? content.gzipEtag() : content.etag();
            res.header(contentTypes.computeIfAbsent(entry.mime(), mime -> HeaderValues.createCached(HeaderNames.CONTENT_TYPE, mime)));
            res.header(HeaderNames.ETAG, etag);
            res.header(HeaderValues.ACCEPT_RANGES_BYTES);
            res.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
            // Revalidate every time: the same hash may get new bytes on reindex; a 304 is cheap.
            res.header(REVALIDATE);
            if (content.isDeflated()) {
                res.header(VARY_ENCODING);
            }
            if (gzip) {
                res.header(GZIP);
            }
            if (MimeTypes.isActiveContent(entry.mime())) {
                res.header(SANDBOX);
            }
            if (Conditional.noneMatch(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
                res.status(Status.NOT_MODIFIED_304).send();
                return;
            }
            if (gzip) {
                res.status(Status.OK_200).contentLength(content.gzipSize());
                sendBody(hash, res, withBody, content.gzipSize(), content::readGzipInto, content::copyGzip);
                return;
            }
            ByteRange.Request range = Conditional.ifRange(req.headers().first(HeaderNames.IF_RANGE), etag)
                    ? ByteRange.parse(req.headers().first(HeaderNames.RANGE), content.size())
                    : new ByteRange.Whole();
            long start = 0;
            long length = content.size();
            switch (range) {
                case ByteRange.Unsatisfiable u -> {
                    res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416)
                            .header(HeaderNames.CONTENT_RANGE, "bytes */" + content.size())
                            .send();
                    return;
                }
                case ByteRange.Partial p -> {
                    start = p.range().start();
                    length = p.range().length();
                    res.status(Status.PARTIAL_CONTENT_206).header(HeaderNames.CONTENT_RANGE,
                            "bytes " + start + "-" + p.range().end() + "/" + content.size());
                }
                case ByteRange.Whole w -> res.status(Status.OK_200);
            }
            res.contentLength(length);
            long from = start;
            long count = length;
            sendBody(hash, res, withBody, length,
                    target -> content.readInto(from, (int) count, target),
                    (out, buffer) -> content.copy(from, count, out, buffer));
        }
    }

    /** Fills the start of a buffer with a body that fits it. */
    private interface BufferFill {
        void into(byte[] target) throws IOException;
    }

    /** Streams a body of any length through a buffer. */
    private interface StreamCopy {
        void to(OutputStream out, byte[] buffer) throws IOException;
    }

    private void sendBody(String hash, ServerResponse res, boolean withBody, long length, BufferFill fill, StreamCopy copy)
            throws IOException {
        if (!withBody) {
            res.send();
            return;
        }
        byte[] buffer = buffers.take();
        try {
            if (length <= buffer.length) {
                // Most images fit one buffer, which then goes to the socket as it is. Larger
                // files stream through the same buffer.
                fill.into(buffer);
                ResponseBodies.send(res, buffer, 0, (int) length);
            } else {
                // Not try-with-resources: closing the stream after a failure would send a
                // short 200, where nothing written yet can still become a 404.
                OutputStream out = res.outputStream();
                copy.to(out, buffer);
                out.close();
            }
        } catch (EntryContent.Gone e) {
            // Truncated or damaged since indexing. Before the first byte is sent this is still
            // a 404; after it, the connection is cut (ErrorResponses leaves a sent response alone).
            reportVanished(hash, e.getMessage());
            throw new NotFound(e.getMessage());
        } finally {
            buffers.give(buffer);
        }
    }

    private void reportVanished(String hash, String why) {
        if (reportedVanished.size() < MAX_REMEMBERED_VANISHED && reportedVanished.add(hash)) {
            LOG.log(Level.WARNING, "cannot serve " + hash + ": " + why);
        }
    }
}
