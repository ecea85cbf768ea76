package imageserver.source;

import java.util.Locale;
import java.util.Map;

/** The one table from file extension to MIME type, and so of what counts as media. */
public final class MimeTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("jpe", "image/jpeg"),
            Map.entry("jfif", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("svgz", "image/svg+xml"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"),
            Map.entry("jxl", "image/jxl"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("wav", "audio/wav"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"));

    /** Whether each known extension is media, looked up for every file a scan meets. */
    private static final Map<String, Boolean> MEDIA_BY_EXTENSION = BY_EXTENSION.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().startsWith("image/")
                    || e.getValue().startsWith("video/") || e.getValue().startsWith("audio/")));

    private MimeTypes() {
    }

    public static String forName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }

    /** Images, video and audio: what a library holds by default (pdf and txt are not media). */
    public static boolean isMedia(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= name.lastIndexOf('/') + 1 || dot == name.length() - 1) {
            return false;
        }
        String extension = name.substring(dot + 1);
        Boolean media = MEDIA_BY_EXTENSION.get(extension);
        return media != null ? media : MEDIA_BY_EXTENSION.getOrDefault(extension.toLowerCase(Locale.ROOT), false);
    }

    /** Types a browser could run script from in our origin: served sandboxed. */
    public static boolean isActiveContent(String mime) {
        return mime.startsWith("image/svg") || mime.startsWith("text/html")
                || mime.contains("xml");
    }
}
