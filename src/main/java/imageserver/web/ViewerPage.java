package imageserver.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;

import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/** The HTML of the viewer and of error pages. Every name goes through {@link Html#escape}. */
final class ViewerPage {
    static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    static final String CSP = "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self';"
            + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private ViewerPage() {
    }

    /** For every HTML page we send: the viewer and error pages. */
    static void securityHeaders(ServerResponseHeaders headers) {
        headers.set(CONTENT_SECURITY_POLICY, CSP);
        headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        // Nothing of the page's address goes to another site; same-origin rather than no-referrer,
        // under which a browser sends "Origin: null" with the login and logout forms, which
        // their check against other sites (LoginService) must then refuse.
        headers.set(HeaderNames.create("Referrer-Policy"), "same-origin");
    }

    /**
     * The viewer for one file. It works without script (links to the neighbours); viewer.js then
     * takes over: keys, clicks, swipes, auto-advance and preloading over the JSON API.
     */
    static String render(IndexedEntry entry, long total, IndexReader.Neighbours around, IndexReader.Place place,
                         ViewerOptions options, boolean logoutButton) {
        String name = Html.escape(entry.path());
        String data = "/api/" + entry.hash() + "/data";
        String query = "?" + options.query();
        String media;
        if (entry.mime().startsWith("image/")) {
            media = "<img id=\"media\" src=\"" + data + "\" alt=\"" + name + "\">";
        } else if (entry.mime().startsWith("video/")) {
            media = "<video id=\"media\" src=\"" + data + "\" controls autoplay></video>";
        } else if (entry.mime().startsWith("audio/")) {
            media = "<audio id=\"media\" src=\"" + data + "\" controls autoplay></audio>";
        } else {
            media = "<div id=\"media\" class=\"file\"><div>" + name + "</div><a href=\"" + data
                    + "\" download>download</a></div>";
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(entry.fileName()) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">" + FAVICON
                + "</head><body data-hash=\"" + entry.hash() + "\" data-order=\"" + options.order()
                + "\" data-delay=\"" + options.delayText() + "\" data-seed=\"" + options.seedText() + "\">"
                + "<main id=\"stage\">" + media + "</main>"
                + "<a id=\"prev\" class=\"chevron\" href=\"/" + around.previous() + query
                + "\" aria-label=\"previous\">&#8249;</a>"
                + "<a id=\"next\" class=\"chevron\" href=\"/" + around.next() + query
                + "\" aria-label=\"next\">&#8250;</a>"
                + "<div id=\"controls\"><button id=\"help-button\" type=\"button\" aria-label=\"keys\">?</button>"
                + "<a id=\"grid\" href=\"" + gridUrl(entry, place, options) + "\" aria-label=\"folder\" title=\"folder (G)\">&#9638;</a>"
                + "<button id=\"play\" type=\"button\" aria-label=\"play\">&#9654;</button>"
                + (logoutButton ? "<form method=\"post\" action=\"" + LoginService.LOGOUT + "\">"
                        + "<button id=\"logout\" type=\"submit\" aria-label=\"log out\" title=\"log out\">&#x23FB;</button></form>"
                        : "")
                + "</div>"
                + "<div id=\"info\"><span id=\"container\">" + Html.escape(entry.container().replace("/", " / "))
                + "</span><span class=\"sep\">&middot;</span><span id=\"name\">" + Html.escape(entry.fileName())
                + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"place\">" + place.position() + "/" + place.files() + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"position\" title=\"in the library\">" + entry.position() + "/" + total + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"order\">" + options.order() + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"delay\">" + options.delayText() + " s</span></div>"
                + "<div id=\"hint\" role=\"status\" hidden></div>"
                + HELP
                + "<script src=\"/static/viewer.js\"></script>"
                + "</body></html>\n";
    }

    /** The grid of the file's folder or archive, opened at the file, keeping the viewer's order and delay (escaped). */
    static String gridUrl(IndexedEntry entry, IndexReader.Place place, ViewerOptions options) {
        return Html.escape("/browse/" + place.containerHash() + "?at=" + entry.hash() + "&" + options.query());
    }

    /** The icon of every page, from the jar. */
    static final String FAVICON = "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">";

    /** The keys, shown by ? (and the button of that name); any key or click closes it. */
    private static final String HELP = "<div id=\"help\" role=\"dialog\" aria-label=\"keys\" hidden><h2>Keys</h2><dl>"
            + "<dt>&larr; &rarr; &nbsp;H L</dt><dd>previous, next (also a click on either half, a swipe)</dd>"
            + "<dt>Space</dt><dd>play, pause</dd>"
            + "<dt>+ = J &nbsp;/&nbsp; - K</dt><dd>one second more, less between files</dd>"
            + "<dt>O</dt><dd>natural or random order</dd>"
            + "<dt>F</dt><dd>fullscreen</dd>"
            + "<dt>G</dt><dd>the grid of this folder or archive (Esc comes back)</dd>"
            + "<dt>I</dt><dd>show, hide the file's name and place</dd>"
            + "<dt>?</dt><dd>this help (any key closes it)</dd>"
            + "</dl></div>";

    /** Styled by viewer.css, so that it needs no inline style under the same policy as the viewer. */
    static String errorPage(int status, String message) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">" + FAVICON + "</head><body class=\"error\"><h1>" + status
                + "</h1><p>" + Html.escape(message) + "</p><p><a href=\"/\">a random file</a></p></body></html>\n";
    }

    /** What {@code /} shows before anything is indexed: how to add files, rather than a bare "not found". */
    static String emptyIndexPage() {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>No files yet</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">" + FAVICON + "</head><body class=\"error\">"
                + "<h1>No files yet</h1><p>The index is empty. Add a folder or an archive:</p>"
                + "<p><code>image-server index ~/Pictures</code></p>"
                + "<p>This server shows the files as they are indexed; then <a href=\"/\">start the slideshow</a>.</p>"
                + "</body></html>\n";
    }
}
