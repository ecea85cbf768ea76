package imageserver.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/** The HTML of the viewer and of error pages. Every name goes through {@link Html#escape}. */
final class ViewerPage {
    static final String CSP = "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private ViewerPage() {
    }

    static void securityHeaders(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    }

    static String render(IndexedEntry entry, long total, IndexReader.Neighbours around, ViewerOptions options) {
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
            media = "<p class=\"file\">" + name + "<br><a href=\"" + data + "\" download>download</a></p>";
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + name + "</title>"
                + "<style>html,body{margin:0;height:100%;background:#111;color:#ddd;font:14px system-ui,sans-serif}"
                + "main{position:fixed;inset:0;display:flex;align-items:center;justify-content:center}"
                + "#media{max-width:100%;max-height:100%;object-fit:contain}"
                + "nav a{position:fixed;top:50%;font-size:48px;color:#aaa;text-decoration:none;padding:16px}"
                + "#prev{left:0}#next{right:0}#info{position:fixed;left:8px;bottom:8px;opacity:.8}</style>"
                + "</head><body data-hash=\"" + entry.hash() + "\" data-order=\"" + options.order()
                + "\" data-delay=\"" + options.delay() + "\">"
                + "<main>" + media + "</main>"
                + "<nav><a id=\"prev\" href=\"/" + around.previous() + query + "\" aria-label=\"previous\">&#8249;</a>"
                + "<a id=\"next\" href=\"/" + around.next() + query + "\" aria-label=\"next\">&#8250;</a></nav>"
                + "<div id=\"info\"><span id=\"name\">" + name + "</span> &middot; <span id=\"position\">"
                + entry.position() + "/" + total + "</span> &middot; " + options.order() + ", "
                + options.delay() + " s</div>"
                + "</body></html>\n";
    }

    static String errorPage(int status, String message) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + "</title>"
                + "<style>body{background:#111;color:#ddd;font:16px system-ui,sans-serif;text-align:center;"
                + "padding-top:20vh}</style></head><body><h1>" + status + "</h1><p>" + Html.escape(message)
                + "</p><p><a style=\"color:#9cf\" href=\"/\">a random file</a></p></body></html>\n";
    }
}
