package imageserver.index;

import java.time.Instant;

/**
 * What {@code /api/health} reports of the library beyond its file count.
 *
 * @param files      entries in the index
 * @param indexing   whether an index run is writing to it now
 * @param lastScan   when the last index run completed, or null if none has
 * @param ok         sources whose last scan read them
 * @param incomplete sources whose first index is not finished
 * @param offline    sources whose last scan could not read them (their files are kept)
 */
public record LibraryState(long files, boolean indexing, Instant lastScan, int ok, int incomplete, int offline) {
}
