package imageserver.web;

import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/**
 * {@code GET /browse}: the library page, a card per source with its cover, name and file count;
 * {@code GET /browse/{hash}}: a folder or archive, its sub-folders and archives, its files.
 */
final class BrowseService implements HttpService {
    private final IndexReader reader;

    BrowseService(IndexReader reader) {
        this.reader = reader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/browse", (req, res) -> library(res))
                .get("/browse/{hash}", this::folder);
    }

    /**
     * A folder's or archive's page. From the viewer ({@code ?at=FILE} and its order and delay), the
     * grid opens at that file, and the files opened from it keep the viewer's order and delay.
     */
    private void folder(ServerRequest req, ServerResponse res) throws IndexException {
        IndexReader.Folder folder = reader.folder(req.path().pathParameters().get("hash"))
                .orElseThrow(() -> new NotFound("unknown folder or archive"));
        String query = req.query().first("order").asOptional().isPresent()
                ? ViewerOptions.parse(req.query().first("order").asOptional(), req.query().first("delay").asOptional(),
                        req.query().first("seed").asOptional()).query()
                : "";
        String at = null;
        long start = 0;
        Optional<IndexedEntry> from = reader.byHash(req.query().first("at").orElse(null));
        if (from.isPresent()) {
            IndexReader.Place place = reader.place(from.get());
            if (place.containerHash().equals(folder.hash()) && place.position() > 0) {
                at = from.get().hash();
                start = place.position() - 1;
            }
        }
        List<IndexedEntry> page = reader.files(folder.hash(), start / BrowsePage.PAGE * BrowsePage.PAGE, BrowsePage.PAGE)
                .orElse(List.of());
        PageResponses.page(res, Status.OK_200, BrowsePage.folder(folder, page, start, query, at));
    }

    private void library(ServerResponse res) throws IndexException {
        List<IndexReader.LibrarySource> sources = reader.library();
        PageResponses.page(res, Status.OK_200, BrowsePage.library(sources));
    }
}
