package imageserver.thumb;

import java.nio.charset.StandardCharsets;

/** What a grid shows for a file without a thumbnail: a small SVG of its kind. */
public final class Placeholders {
    public enum Kind {
        /** An image of a kind not decoded here (AVIF, HEIC, SVG, TIFF...). */
        IMAGE("&#128444;"),
        VIDEO("&#9654;"), AUDIO("&#9835;"), FILE("&#128196;"),
        /** An image that could not be decoded (damaged, or too large). */
        BROKEN("?"),
        /** A file no longer on disk, or in an archive changed since it was indexed. */
        GONE("&#10005;");

        private final byte[] svg;

        Kind(String symbol) {
            this.svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 240\">"
                    + "<rect width=\"320\" height=\"240\" fill=\"#1b1b1b\"/>"
                    + "<text x=\"160\" y=\"140\" font-size=\"72\" text-anchor=\"middle\" fill=\"#777\""
                    + " font-family=\"sans-serif\">" + symbol + "</text></svg>").getBytes(StandardCharsets.UTF_8);
        }

        public byte[] svg() {
            return svg.clone();
        }
    }

    private Placeholders() {
    }

    static Kind kindOf(String mime) {
        if (mime.startsWith("video/")) {
            return Kind.VIDEO;
        }
        if (mime.startsWith("audio/")) {
            return Kind.AUDIO;
        }
        return mime.startsWith("image/") ? Kind.IMAGE : Kind.FILE;
    }
}
