package imageserver.web;

import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;
import imageserver.index.IndexReader;

/** {@code GET /browse}: the library page, a card per source with its cover, name and file count. */
final class BrowseService implements HttpService {
    private final IndexReader reader;

    BrowseService(IndexReader reader) {
        this.reader = reader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/browse", (req, res) -> library(res));
    }

    private void library(ServerResponse res) throws IndexException {
        List<IndexReader.LibrarySource> sources = reader.library();
        PageResponses.page(res, Status.OK_200, BrowsePage.library(sources));
    }
}
