package imageserver.cli;

import java.io.PrintWriter;
import java.util.Locale;

import imageserver.index.IndexDatabase;

/** The line that tells why a command took a few seconds more: the index file was compacted. */
final class Compactions {
    private Compactions() {
    }

    static void report(IndexDatabase.Compaction c, PrintWriter err) {
        err.printf(Locale.ROOT, "image-server: compacted the index file, most of which was free space: %.1f MB -> %.1f MB in %.1f s%n",
                c.bytesBefore() / 1e6, c.bytesAfter() / 1e6, c.took().toMillis() / 1000.0);
        err.flush();
    }
}
