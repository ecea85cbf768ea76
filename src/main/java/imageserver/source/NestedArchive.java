package imageserver.source;

/**
 * An archive inside a folder source, as a scan of the folder left it.
 *
 * @param path    the archive's path inside the folder, '/'-separated
 * @param stamp   its size and time as the scan listed them
 * @param state   whether its entries are in the scan, stand as the index holds them, or could not be read
 * @param skipped entries it lists that cannot be served (when read)
 * @param failure why it could not be read, in the user's words (when failed)
 * @param cause   what failed, for --verbose (when failed; may be null)
 */
public record NestedArchive(String path, ArchiveStamp stamp, State state, int skipped, String failure, Throwable cause) {

    public enum State {
        /** Opened: its entries are among the scan's files. */
        READ,
        /** Same size and time as when the index read it: not reopened, the index's entries stand. */
        UNCHANGED,
        /** Could not be read: the index's entries for it, if any, stand. */
        FAILED
    }

    static NestedArchive read(String path, ArchiveStamp stamp, int skipped) {
        return new NestedArchive(path, stamp, State.READ, skipped, null, null);
    }

    static NestedArchive unchanged(String path, ArchiveStamp stamp) {
        return new NestedArchive(path, stamp, State.UNCHANGED, 0, null, null);
    }

    static NestedArchive failed(String path, ArchiveStamp stamp, ScanException e) {
        return new NestedArchive(path, stamp, State.FAILED, 0, e.getMessage(), e);
    }

    /** Whether what the index holds for this archive is kept as it is. */
    public boolean keepsIndexedEntries() {
        return state != State.READ;
    }
}
