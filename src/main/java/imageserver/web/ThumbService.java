package imageserver.web;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.source.InflaterPool;
import imageserver.thumb.Placeholders;
import imageserver.thumb.Thumbs;

/**
 * {@code /api/{hash}/thumb}: a small JPEG of an image, or an SVG placeholder of its kind, with an
 * ETag that changes with the file, kept by browsers for a day.
 */
final class ThumbService implements HttpService {
    /** Bumped when thumbnails are made differently, so that browsers and the cache take new ones. */
    private static final String VERSION = "t1";

    private final IndexReader reader;
    private final Thumbs thumbs;
    /** Its own few open files: a thumbnail reads its file once, and the data route's are for the data route. */
    private final OpenFiles openFiles;
    private final InflaterPool inflaters = new InflaterPool(2);

    ThumbService(IndexReader reader, Thumbs thumbs, LongSupplier nanoTime) {
        this.reader = reader;
        this.thumbs = thumbs;
        this.openFiles = new OpenFiles(8, new MappingBudget(0, Optional.empty()), nanoTime);
    }

    @Override
    public void afterStop() {
        thumbs.close();
        openFiles.close();
        inflaters.close();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/{hash}/thumb", (req, res) -> answer(req, res, true))
                .head("/api/{hash}/thumb", (req, res) -> answer(req, res, false));
    }

    private void answer(ServerRequest req, ServerResponse res, boolean withBody)
            throws IndexException, IOException, InterruptedException {
        IndexedEntry entry = reader.byHash(req.path().pathParameters().get("hash"))
                .orElseThrow(() -> new NotFound("unknown hash"));
        String key = entry.hash() + "-" + VERSION + "-" + Long.toHexString(entry.size()) + "-" + Long.toHexString(entry.mtime());
        String etag = "\"" + key.substring(48) + "\"";
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=86400");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (Conditional.noneMatch(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        Thumbs.Picture picture;
        try {
            picture = thumbs.picture(key, entry.mime(), entry.size(), () -> {
                EntryContent content = EntryContent.open(entry, openFiles, inflaters);
                try {
                    return new ClosingBoth(content.stream(), content);
                } catch (IOException | RuntimeException e) {
                    content.close();
                    throw e;
                }
            });
        } catch (EntryContent.Gone e) {
            // A 404 the grid still shows as a picture, and that no cache keeps: the file may come back.
            res.status(Status.NOT_FOUND_404);
            res.headers().remove(HeaderNames.ETAG);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            picture = new Thumbs.Picture.Placeholder(Placeholders.Kind.GONE);
        }
        byte[] body = switch (picture) {
            case Thumbs.Picture.Jpeg jpeg -> {
                res.header(HeaderNames.CONTENT_TYPE, "image/jpeg");
                yield jpeg.bytes();
            }
            case Thumbs.Picture.Placeholder placeholder -> {
                res.header(HeaderNames.CONTENT_TYPE, "image/svg+xml");
                res.header(ViewerPage.CONTENT_SECURITY_POLICY, "sandbox");
                yield placeholder.kind().svg();
            }
        };
        if (withBody) {
            ResponseBodies.send(res, body, 0, body.length);
        } else {
            res.contentLength(body.length);
            res.send();
        }
    }

    /** A stream whose close also closes the content it reads. */
    private static final class ClosingBoth extends java.io.FilterInputStream {
        private final EntryContent content;

        ClosingBoth(java.io.InputStream in, EntryContent content) {
            super(in);
            this.content = content;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                content.close();
            }
        }
    }
}
