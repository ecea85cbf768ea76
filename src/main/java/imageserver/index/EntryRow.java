package imageserver.index;

import imageserver.source.ScannedFile;

/**
 * An entry as the index holds it (or is about to), within one source.
 *
 * @param pos     its key in the entries table ({@link EntryPos}); 0 for a row not placed yet
 * @param hashKey first eight bytes of the entry's hash
 */
record EntryRow(long pos, long hashKey, ScannedFile file) {

    /** This row at another position. */
    EntryRow at(long newPos) {
        return new EntryRow(newPos, hashKey, file);
    }

    /** Whether {@code other} is this file: the same path, in the same archive or in none (so the same hash). */
    boolean sameFile(ScannedFile other) {
        return file.path().equals(other.path()) && java.util.Objects.equals(file.archive(), other.archive());
    }

    /** Whether the bytes may differ: what changes an ETag. */
    boolean sameContent(ScannedFile other) {
        return file.size() == other.size() && file.mtime() == other.mtime()
                && file.storage().equals(other.storage());
    }
}
