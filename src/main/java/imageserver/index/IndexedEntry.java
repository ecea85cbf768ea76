package imageserver.index;

import imageserver.source.ScannedFile;
import imageserver.source.SourceKind;

/**
 * An entry found by the reader, with everything a route needs to answer for it.
 *
 * @param hash       the public address, 64 lowercase hex characters
 * @param position   1-based place in natural order across the whole index
 * @param sourcePath absolute path of the folder or archive that holds it
 * @param sourceSize  size of the archive when it was indexed (0 for a folder)
 * @param sourceMtime mtime of the archive when it was indexed (0 for a folder)
 * @param path       path inside the source, '/'-separated
 */
public record IndexedEntry(
        String hash,
        long position,
        String sourcePath,
        SourceKind sourceKind,
        long sourceSize,
        long sourceMtime,
        String path,
        String mime,
        long size,
        long mtime,
        ScannedFile.Storage storage) {
}
