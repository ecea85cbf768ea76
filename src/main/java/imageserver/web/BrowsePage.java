package imageserver.web;

import java.util.List;
import java.util.Locale;

import imageserver.index.IndexReader;

/** The HTML of the library page: no script, every name through {@link Html#escape}. */
final class BrowsePage {
    private BrowsePage() {
    }

    static String library(List<IndexReader.LibrarySource> sources) {
        long files = sources.stream().mapToLong(IndexReader.LibrarySource::files).sum();
        StringBuilder html = new StringBuilder(512 + sources.size() * 256);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Library · image-server</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/viewer.css\">").append(ViewerPage.FAVICON)
                .append("</head><body class=\"browse\"><header><h1>Library</h1><span class=\"count\">")
                .append(count(sources.size(), "source")).append(" · ").append(count(files, "file"))
                .append("</span></header>");
        if (sources.isEmpty()) {
            html.append("<p class=\"empty\">Nothing indexed yet. Add a folder or an archive: ")
                    .append("<code>image-server index ~/Pictures</code></p>");
        }
        html.append("<main class=\"cards\">");
        for (IndexReader.LibrarySource source : sources) {
            String hash = source.first().hash();
            html.append("<a class=\"card\" href=\"/").append(hash).append("\">")
                    .append("<img src=\"/api/").append(hash).append("/thumb\" alt=\"\" loading=\"lazy\" width=\"320\" height=\"240\">")
                    .append("<span class=\"name\">").append(Html.escape(source.name())).append("</span>")
                    .append("<span class=\"files\">").append(count(source.files(), "file")).append("</span></a>");
        }
        return html.append("</main><script src=\"/static/browse.js\"></script></body></html>\n").toString();
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
