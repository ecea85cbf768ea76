package imageserver.web;

import java.util.List;
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
 * next follow natural order, or with {@code ?order=random&seed=S} that seed's shuffled order, and
 * {@code /api/browse/{hash}?offset=N&limit=M}, a page of a folder's or archive's files.
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
                .get("/api/browse/{hash}", (req, res) -> {
                    long offset = number(req.query().first("offset").orElse("0"), 0);
                    int limit = (int) Math.min(MAX_PAGE, number(req.query().first("limit").orElse("120"), 120));
                    List<IndexedEntry> files = reader.files(req.path().pathParameters().get("hash"), offset, limit)
                            .orElseThrow(() -> new NotFound("unknown folder or archive"));
                    json(res, files(offset, files));
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

    /** The most files one page of a folder's files may ask for. */
    static final int MAX_PAGE = 500;

    /** A page of a folder's files, from {@code offset} (0-based) on: hash, own name and type of each. */
    static String files(long offset, List<IndexedEntry> files) {
        StringBuilder json = new StringBuilder(64 + files.size() * 128);
        json.append("{\"offset\": ").append(offset).append(", \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            IndexedEntry file = files.get(i);
            json.append(i == 0 ? "" : ", ").append("{\"hash\": ").append(Json.string(file.hash()))
                    .append(", \"name\": ").append(Json.string(file.fileName()))
                    .append(", \"mime\": ").append(Json.string(file.mime())).append('}');
        }
        return json.append("]}").toString();
    }

    /** A query number; anything else, or a negative one, is the default (bad query values never fail a request). */
    private static long number(String text, long otherwise) {
        try {
            long n = Long.parseLong(text);
            return n < 0 ? otherwise : n;
        } catch (NumberFormatException e) {
            return otherwise;
        }
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
        IndexReader.Place place = reader.place(entry);
        return "{\"hash\": " + Json.string(entry.hash())
                + ", \"name\": " + Json.string(entry.path())
                + ", \"container\": " + Json.string(entry.container())
                + ", \"containerHash\": " + Json.string(place.containerHash())
                + ", \"containerPosition\": " + place.position()
                + ", \"containerFiles\": " + place.files()
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
