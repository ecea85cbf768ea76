package imageserver.index;

import java.nio.file.Path;

/** Hears what the indexer does, source by source: progress display and error reporting. */
public interface IndexListener {
    /** Called once, before the first source, with the number of sources in this run. */
    default void started(int sources) {
    }

    /** A source was committed (or found unchanged); {@code entries} is what it now holds. */
    default void sourceDone(Path source, long entries) {
    }

    /** Part of a source's first index is committed: {@code entries} of it, in natural order, so far. */
    default void sourceProgress(Path source, long entries) {
    }

    /**
     * A source could not be read; what the index held for it is kept. {@code reason} is for the
     * user; {@code cause}, if any, is the exception behind it (shown with --verbose).
     */
    default void sourceFailed(Path source, String reason, Throwable cause) {
    }

    /** The run ended. */
    default void finished(IndexSummary summary) {
    }

    IndexListener NONE = new IndexListener() {
    };
}
