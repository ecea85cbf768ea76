package imageserver.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

/** Compacts the index file after a command rewrote or deleted most of it, and says what happened. */
final class Compactions {
    /** Why a compaction did not run, and what to do about it. */
    static final String SHARED = "another process (serve?) has the index open, so its file cannot be compacted now;"
            + " run image-server compact once that process has stopped";

    private Compactions() {
    }

    /**
     * Closes the index, rewriting its file without its free space unless another process has it
     * open (compacting closes it for everyone). Returns whether it compacted; says so on {@code err}.
     */
    static boolean compact(IndexDatabase db, PrintWriter err) {
        try {
            Optional<IndexDatabase.Compaction> done = db.closeCompactingUnlessShared();
            if (done.isEmpty()) {
                err.println("image-server: " + SHARED);
                return false;
            }
            IndexDatabase.Compaction c = done.get();
            err.printf(Locale.ROOT, "image-server: compacted the index file: %.1f MB -> %.1f MB in %.1f s%n",
                    c.bytesBefore() / 1e6, c.bytesAfter() / 1e6, c.took().toMillis() / 1000.0);
            return true;
        } catch (IndexException e) {
            // The index is whole either way: only its file stays larger than it needs to be.
            err.println("image-server: warning: " + e.getMessage());
            return false;
        } finally {
            err.flush();
        }
    }
}
