package imageserver.web;

import java.util.Optional;
import java.util.function.LongSupplier;

import io.helidon.webserver.http.HttpRouting;

import imageserver.access.AccessControl;
import imageserver.index.IndexReader;
import imageserver.thumb.ThumbCache;
import imageserver.thumb.Thumbs;

/**
 * The route table, the one wiring point shared by {@code serve} and the tests:
 * <pre>
 *   GET /api/health                  ApiService     {"status": "ok", "files": N}
 *   GET /api/random                  ApiService     {"hash": ...}
 *   GET /api/{hash}                  ApiService     name, mime, size, position, total, prev, next
 *   GET|HEAD /api/{hash}/data        DataService    the bytes (Range, ETag, 304)
 *   GET|HEAD /api/{hash}/thumb       ThumbService   a small JPEG, or a placeholder (ETag, 304)
 *   GET|HEAD /static/{name}          StaticService  viewer.js, viewer.css
 *   GET /                            ViewerService  302 to a random file
 *   GET /browse                      BrowseService  the library: a card per source
 *   GET /{hash}                      ViewerService  the viewer page
 *   GET /{order}/{delay}             ViewerService  302 to a random file with those options
 *   GET /{order}/{delay}/{hash}      ViewerService  301 to /{hash}?order=..&amp;delay=..
 *   GET|POST /login, POST /logout    LoginService   with a password only
 *   anything else                    404
 * </pre>
 * where {order} is next or random. A request with "Connection: close" has its connection
 * closed once answered ({@link ConnectionClose}); with a password, {@link AccessFilter} lets
 * through only requests that bring a session, the password or the API token.
 */
public final class WebRoutes {
    private WebRoutes() {
    }

    public static void configure(HttpRouting.Builder routing, IndexReader reader, LongSupplier nanoTime,
                                 Optional<AccessControl> access, Optional<ThumbCache> thumbCache) {
        // First, so that it acts last: the answer is sent and logged before the connection closes.
        routing.addFilter(new ConnectionClose());
        routing.addFilter(new AccessLog());
        access.ifPresent(a -> routing.addFilter(new AccessFilter(a)).register(new LoginService(a)));
        ErrorResponses.register(routing);
        // Routes are tried in order: file data first, as most requests are for it; static
        // assets before the viewer, as "/{order}/{delay}" would take "/static/viewer.js" too.
        // Thumbnails give way to the file route while it is busy.
        FileRouteActivity fileRoute = new FileRouteActivity(nanoTime);
        Thumbs thumbs = new Thumbs(thumbCache, Thumbs.defaultWorkers(), fileRoute::busy);
        routing.register(new DataService(reader, nanoTime, fileRoute))
                .register(new ThumbService(reader, thumbs, nanoTime))
                .register(new StaticService())
                .register(new ApiService(reader))
                // Before the viewer, whose "/{hash}" would take "/browse" too.
                .register(new BrowseService(reader))
                .register(new ViewerService(reader, access.isPresent()));
        ErrorResponses.fallback(routing);
    }
}
