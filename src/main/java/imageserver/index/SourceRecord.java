package imageserver.index;

import java.time.Instant;

import imageserver.source.SourceKind;

/**
 * A source as the index holds it.
 *
 * @param lastScan   when it was last scanned, changed or not (null: never)
 * @param lastChange when its entries last changed (null: never)
 * @param allFiles   whether it takes every regular file, not only media (--all-files)
 */
public record SourceRecord(
        int id,
        String path,
        SourceKind kind,
        long size,
        long mtime,
        long fingerprint,
        Instant lastScan,
        Instant lastChange,
        SourceState state,
        String message,
        int entryCount,
        int skipped,
        boolean allFiles) {
}
