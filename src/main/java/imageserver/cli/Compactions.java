package imageserver.cli;

import java.io.PrintWriter;
import java.util.Locale;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

/** Compacts the index file after a command rewrote or deleted most of it, and says so. */
final class Compactions {
    private Compactions() {
    }

    static void compactUnlessShared(IndexDatabase db, PrintWriter err) {
        try {
            db.closeCompactingUnlessShared().ifPresent(c -> err.printf(Locale.ROOT,
                    "image-server: compacted the index file, most of which was free space: %.1f MB -> %.1f MB in %.1f s%n",
                    c.bytesBefore() / 1e6, c.bytesAfter() / 1e6, c.took().toMillis() / 1000.0));
        } catch (IndexException e) {
            // The index is whole either way: only its file stays larger than it needs to be.
            err.println("image-server: warning: " + e.getMessage());
        }
        err.flush();
    }
}
