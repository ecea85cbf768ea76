package imageserver.source;

/** The ZIP compression methods that image-server serves straight from the archive file. */
public final class ZipMethods {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    private ZipMethods() {
    }

    public static boolean isServable(int method) {
        return method == STORED || method == DEFLATED;
    }
}
