package imageserver.index;

import java.time.Instant;

import imageserver.source.SourceKind;

/** A source as the index holds it. */
public record SourceRecord(
        int id,
        String path,
        SourceKind kind,
        long size,
        long mtime,
        long fingerprint,
        Instant lastScan,
        SourceState state,
        String message,
        int entryCount,
        int skipped) {
}
