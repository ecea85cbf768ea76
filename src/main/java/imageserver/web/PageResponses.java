package imageserver.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** How the pages and redirects of the browser routes go out: never cached, pages with their security headers. */
final class PageResponses {
    private PageResponses() {
    }

    static void page(ServerResponse res, Status status, String html) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        ViewerPage.securityHeaders(res.headers());
        res.send(html);
    }

    static void redirect(ServerResponse res, Status status, String location) {
        res.status(status);
        res.header(HeaderNames.LOCATION, location);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }
}
