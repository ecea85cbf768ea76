package imageserver.web;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.index.MimeTypes;

/** {@code /api/{hash}/data}: the file's bytes, streamed, with HEAD, Range and conditional GET. */
final class DataService implements HttpService {
    private static final Logger LOG = System.getLogger(DataService.class.getName());
    private static final int MAX_REMEMBERED_VANISHED = 10_000;

    private final IndexReader reader;
    private final BufferPool buffers = new BufferPool();
    /** Vanished files already logged, so a reloading browser does not flood the log. */
    private final Set<String> reportedVanished = ConcurrentHashMap.newKeySet();

    DataService(IndexReader reader) {
        this.reader = reader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/{hash}/data", (req, res) -> answer(req, res, true))
                .head("/api/{hash}/data", (req, res) -> answer(req, res, false));
    }

    private void answer(ServerRequest req, ServerResponse res, boolean withBody) throws IndexException, IOException {
        String hash = req.path().pathParameters().get("hash");
        IndexedEntry entry = reader.byHash(hash).orElseThrow(() -> new NotFound("unknown hash"));
        EntryContent content;
        try {
            content = EntryContent.open(entry);
        } catch (EntryContent.Gone e) {
            reportVanished(hash, e.getMessage());
            throw new NotFound(e.getMessage());
        }
        try (content) {
            String etag = content.etag();
            res.header(HeaderNames.CONTENT_TYPE, entry.mime());
            res.header(HeaderNames.ETAG, etag);
            res.header(HeaderNames.ACCEPT_RANGES, "bytes");
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            // Revalidate every time: the same hash may get new bytes on reindex; a 304 is cheap.
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            if (MimeTypes.isActiveContent(entry.mime())) {
                res.header(ViewerPage.CONTENT_SECURITY_POLICY, "sandbox");
            }
            if (Conditional.noneMatch(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
                res.status(Status.NOT_MODIFIED_304).send();
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
            if (!withBody) {
                res.send();
                return;
            }
            byte[] buffer = buffers.take();
            try {
                if (length <= buffer.length) {
                    // Most images fit one buffer: headers and bytes then leave in a single write,
                    // as from memory. Larger files stream through the same buffer.
                    content.readInto(start, (int) length, buffer);
                    res.send(buffer, 0, (int) length);
                } else {
                    // Not try-with-resources: closing the stream after a failure would send a
                    // short 200, where nothing written yet can still become a 404.
                    OutputStream out = res.outputStream();
                    content.copy(start, length, out, buffer);
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
    }

    private void reportVanished(String hash, String why) {
        if (reportedVanished.size() < MAX_REMEMBERED_VANISHED && reportedVanished.add(hash)) {
            LOG.log(Level.WARNING, "cannot serve " + hash + ": " + why);
        }
    }
}
