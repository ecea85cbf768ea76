package imageserver.web;

import java.util.List;
import java.util.Locale;

import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/**
 * The HTML of the library page and of a folder's or archive's page, every name through
 * {@link Html#escape}. Both work without script; browse.js adds the keys and, on a folder's page,
 * loads its files page by page as the grid scrolls.
 */
final class BrowsePage {
    /** Files per page of a folder's grid: a multiple of the column counts the grid takes. */
    static final int PAGE = 120;

    private BrowsePage() {
    }

    /**
     * In the head, deferred: asked for before the thumbnails, which would otherwise hold every
     * connection the browser opens to the server while they are made, and the keys with them.
     */
    private static final String SCRIPT = "<script src=\"/static/browse.js\" defer></script>";

    static String library(List<IndexReader.LibrarySource> sources) {
        long files = sources.stream().mapToLong(IndexReader.LibrarySource::files).sum();
        StringBuilder html = new StringBuilder(512 + sources.size() * 256);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Library · image-server</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/viewer.css\">").append(ViewerPage.FAVICON).append(SCRIPT)
                .append("</head><body class=\"browse\"><header><h1>Library</h1><span class=\"count\">")
                .append(count(sources.size(), "source")).append(" · ").append(count(files, "file"))
                .append("</span></header>");
        if (sources.isEmpty()) {
            html.append("<p class=\"empty\">Nothing indexed yet. Add a folder or an archive: ")
                    .append("<code>image-server index ~/Pictures</code></p>");
        }
        html.append("<main class=\"cards\">");
        for (IndexReader.LibrarySource source : sources) {
            card(html, source.hash(), "", source.name(), source.files(), source.first().hash());
        }
        return html.append("</main></body></html>\n").toString();
    }

    /**
     * A folder's or archive's page: the trail up to the library, its sub-folders and archives as
     * cards, and the page of its files that holds the {@code start}-th (0-based); browse.js loads
     * the others from {@code /api/browse/{hash}} as the grid scrolls.
     *
     * @param query the viewer's order and delay, carried to the files opened from here ("" for none)
     * @param at    the file the viewer came from, focused in the grid, or null
     */
    static String folder(IndexReader.Folder folder, List<IndexedEntry> page, long start, String query, String at) {
        String suffix = query.isEmpty() ? "" : "?" + Html.escape(query);
        long pageStart = start / PAGE * PAGE;
        StringBuilder html = new StringBuilder(2048 + folder.children().size() * 256 + page.size() * 256);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(folder.name())).append(" · image-server</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/viewer.css\">").append(ViewerPage.FAVICON).append(SCRIPT)
                .append("</head><body class=\"browse\" data-hash=\"").append(folder.hash())
                .append("\" data-files=\"").append(folder.files()).append("\" data-first=\"").append(pageStart)
                .append("\" data-query=\"").append(Html.escape(query)).append("\"")
                .append(at == null ? "" : " data-at=\"" + at + "\"").append(">")
                .append("<header><nav class=\"trail\"><a href=\"/browse\">Library</a>");
        for (IndexReader.Crumb crumb : folder.trail()) {
            html.append("<span class=\"sep\">/</span><a href=\"/browse/").append(crumb.hash()).append(suffix).append("\">")
                    .append(Html.escape(crumb.name())).append("</a>");
        }
        html.append("</nav><h1>").append(Html.escape(folder.name())).append("</h1><span class=\"count\">");
        long archives = folder.children().stream().filter(IndexReader.Card::archive).count();
        long folders = folder.children().size() - archives;
        if (folders > 0) {
            html.append(count(folders, "folder")).append(" · ");
        }
        if (archives > 0) {
            html.append(count(archives, "archive")).append(" · ");
        }
        html.append(count(folder.files(), "file")).append("</span>");
        if (at != null) {
            html.append("<a class=\"back\" href=\"/").append(at).append(suffix).append("\">back to the file (Esc)</a>");
        }
        html.append("</header>");
        if (!folder.children().isEmpty()) {
            html.append("<section class=\"cards\">");
            for (IndexReader.Card card : folder.children()) {
                card(html, card.hash(), suffix, card.name(), card.files(), card.cover().hash());
            }
            html.append("</section>");
        }
        // Not loading="lazy": the browser waits for the layout before it asks for a lazy image,
        // and this page is about the screenful it opens on; browse.js adds the next pages lazily.
        html.append("<section id=\"files\" class=\"tiles\">");
        for (int i = 0; i < page.size(); i++) {
            IndexedEntry file = page.get(i);
            html.append("<a class=\"tile\" data-index=\"").append(pageStart + i).append("\" href=\"/").append(file.hash())
                    .append(suffix).append("\"><img src=\"/api/").append(file.hash())
                    .append("/thumb\" alt=\"\" decoding=\"async\" width=\"160\" height=\"160\"><span class=\"name\">")
                    .append(Html.escape(file.fileName())).append("</span></a>");
        }
        return html.append("</section></body></html>\n").toString();
    }

    /** A card: a cover, a name and a count, linking to a folder's or archive's page. */
    private static void card(StringBuilder html, String hash, String suffix, String name, long files, String cover) {
        html.append("<a class=\"card\" href=\"/browse/").append(hash).append(suffix).append("\">")
                .append("<img src=\"/api/").append(cover).append("/thumb\" alt=\"\" loading=\"lazy\" width=\"320\" height=\"240\">")
                .append("<span class=\"name\">").append(Html.escape(name)).append("</span>")
                .append("<span class=\"files\">").append(count(files, "file")).append("</span></a>");
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
