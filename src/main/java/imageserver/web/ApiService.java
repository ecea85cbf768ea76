package imageserver.web;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.index.LibraryState;

/**
 * The JSON API: {@code /api/health}, {@code /api/random}, {@code /api/{hash}}, whose prev and
 * next follow natural order, or with {@code ?order=random&seed=S} that seed's shuffled order.
 */
final class ApiService implements HttpService {
    private final IndexReader reader;

    ApiService(IndexReader reader) {
        this.reader = reader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/health", (req, res) -> json(res, health(reader.state())))
                .get("/api/random", (req, res) -> {
                    IndexedEntry entry = reader.random().orElseThrow(() -> new NotFound("empty index"));
                    json(res, "{\"hash\": " + Json.string(entry.hash()) + "}");
                })
                .get("/api/{hash}", (req, res) -> {
                    IndexedEntry entry = reader.byHash(req.path().pathParameters().get("hash"))
                            .orElseThrow(() -> new NotFound("unknown hash"));
                    ViewerOptions order = ViewerOptions.parse(req.query().first("order").asOptional(),
                            Optional.empty(), req.query().first("seed").asOptional());
                    json(res, describe(entry, order.isRandom() ? reader.shuffledNeighbours(entry, order.seed())
                            : reader.neighbours(entry)));
                });
    }

    /** The original two fields first, as clients of the original expect them; then the library's state. */
    static String health(LibraryState state) {
        return "{\"status\": \"ok\", \"files\": " + state.files()
                + ", \"indexing\": " + state.indexing()
                + ", \"lastScan\": " + (state.lastScan() == null ? "null" : Json.string(state.lastScan().toString()))
                + ", \"sources\": {\"ok\": " + state.ok() + ", \"incomplete\": " + state.incomplete()
                + ", \"offline\": " + state.offline() + "}}";
    }

    /** The JSON of {@code /api/{hash}}, with the neighbours of the order asked for. */
    String describe(IndexedEntry entry, IndexReader.Neighbours around) throws IndexException {
        long total = reader.total();
        return "{\"hash\": " + Json.string(entry.hash())
                + ", \"name\": " + Json.string(entry.path())
                + ", \"container\": " + Json.string(entry.container())
                + ", \"mime\": " + Json.string(entry.mime())
                + ", \"size\": " + entry.size()
                + ", \"position\": " + entry.position()
                + ", \"total\": " + total
                + ", \"prev\": " + Json.string(around.previous())
                + ", \"next\": " + Json.string(around.next()) + "}";
    }

    private static void json(ServerResponse res, String body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(body);
    }
}
