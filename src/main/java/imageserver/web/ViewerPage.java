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
    static String render(IndexedEntry entry, long total, IndexReader.Neighbours around, ViewerOptions options,
                         boolean logoutButton) {
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
                + "<title>" + name + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">"
                + "</head><body data-hash=\"" + entry.hash() + "\" data-order=\"" + options.order()
                + "\" data-delay=\"" + options.delay() + "\">"
                + "<main id=\"stage\">" + media + "</main>"
                + "<a id=\"prev\" class=\"chevron\" href=\"/" + around.previous() + query
                + "\" aria-label=\"previous\">&#8249;</a>"
                + "<a id=\"next\" class=\"chevron\" href=\"/" + around.next() + query
                + "\" aria-label=\"next\">&#8250;</a>"
                + "<div id=\"controls\"><button id=\"play\" type=\"button\" aria-label=\"play\">&#9654;</button>"
                + (logoutButton ? "<form method=\"post\" action=\"" + LoginService.LOGOUT + "\">"
                        + "<button id=\"logout\" type=\"submit\" aria-label=\"log out\" title=\"log out\">&#x23FB;</button></form>"
                        : "")
                + "</div>"
                + "<div id=\"info\"><span id=\"name\">" + name + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"position\">" + entry.position() + "/" + total + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"order\">" + options.order() + "</span><span class=\"sep\">&middot;</span>"
                + "<span id=\"delay\">" + options.delay() + " s</span></div>"
                + "<script src=\"/static/viewer.js\"></script>"
                + "</body></html>\n";
    }

    /** Styled by viewer.css, so that it needs no inline style under the same policy as the viewer. */
    static String errorPage(int status, String message) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\"></head><body class=\"error\"><h1>" + status
                + "</h1><p>" + Html.escape(message) + "</p><p><a href=\"/\">a random file</a></p></body></html>\n";
    }
}
