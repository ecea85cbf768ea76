package imageserver.index;

import java.time.Duration;

/**
 * What one run of the indexer did, counted in entries except for sources and failed: skipped
 * are entries that cannot be served, left out the files the sources' file selection did not take.
 */
public record IndexSummary(int sources, long added, long updated, long removed, long unchanged, long skipped,
                           long leftOut, int failed, Duration elapsed) {

    /** The same run, counting arguments that named no source as failed too. */
    public IndexSummary withUnresolved(int unresolved) {
        return new IndexSummary(sources, added, updated, removed, unchanged, skipped, leftOut, failed + unresolved, elapsed);
    }

    public String line() {
        return String.format(java.util.Locale.ROOT,
                "sources: %d, added: %d, updated: %d, removed: %d, unchanged: %d, skipped: %d, left out: %d, failed: %d,"
                        + " elapsed: %.1f s",
                sources, added, updated, removed, unchanged, skipped, leftOut, failed, elapsed.toMillis() / 1000.0);
    }
}
