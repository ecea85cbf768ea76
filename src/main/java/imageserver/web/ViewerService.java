package imageserver.web;

import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.EntryHasher;
import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/** The browser routes: the viewer page and the redirects that old links and bookmarks use. */
final class ViewerService implements HttpService {
    private final IndexReader reader;
    private final boolean logoutButton;

    /** @param logoutButton whether the viewer offers to log out (the server has a password) */
    ViewerService(IndexReader reader, boolean logoutButton) {
        this.reader = reader;
        this.logoutButton = logoutButton;
    }

    /** The orders a path may name; any other first segment of two or three is no route (404). */
    private static final String ORDER = "{order:next|random}";

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> toRandomFile(res, ""))
                .get("/{hash}", this::viewer)
                .get("/" + ORDER + "/{delay}", (req, res) -> toRandomFile(res, "?" + optionsFromPath(req).query()))
                .get("/" + ORDER + "/{delay}/{hash}", (req, res) -> PageResponses.redirect(res, Status.MOVED_PERMANENTLY_301,
                        "/" + wellFormedHash(req) + "?" + optionsFromPath(req).query()));
    }

    private void viewer(ServerRequest req, ServerResponse res) throws IndexException {
        IndexedEntry entry = reader.byHash(req.path().pathParameters().get("hash"))
                .orElseThrow(() -> new NotFound("unknown hash"));
        ViewerOptions options = ViewerOptions.parse(req.query().first("order").asOptional(),
                req.query().first("delay").asOptional(), req.query().first("seed").asOptional());
        IndexReader.Neighbours around = options.isRandom() ? reader.shuffledNeighbours(entry, options.seed())
                : reader.neighbours(entry);
        PageResponses.page(res, Status.OK_200, ViewerPage.render(entry, reader.total(), around, reader.place(entry),
                options, logoutButton));
    }

    /** A 302 to a random file's viewer; with nothing indexed, a 404 page that says how to add files. */
    private void toRandomFile(ServerResponse res, String query) throws IndexException {
        Optional<IndexedEntry> pick = reader.random();
        if (pick.isPresent()) {
            PageResponses.redirect(res, Status.FOUND_302, "/" + pick.get().hash() + query);
            return;
        }
        PageResponses.page(res, Status.NOT_FOUND_404, ViewerPage.emptyIndexPage());
    }

    /** Only a real hash goes into a Location header: anything else (control characters too) is a 404. */
    private static String wellFormedHash(ServerRequest req) {
        String hash = req.path().pathParameters().get("hash");
        if (EntryHasher.parse(hash) == null) {
            throw new NotFound("malformed hash");
        }
        return hash;
    }

    private static ViewerOptions optionsFromPath(ServerRequest req) {
        return ViewerOptions.parse(Optional.of(req.path().pathParameters().get("order")),
                Optional.of(req.path().pathParameters().get("delay")), Optional.empty());
    }
}
