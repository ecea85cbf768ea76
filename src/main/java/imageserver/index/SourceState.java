package imageserver.index;

/**
 * OK after a complete scan; FAILED (shown as "offline") when the last scan could not read the
 * source: missing, unreadable, corrupt, or a folder that emptied as if unmounted. Its entries
 * are kept.
 */
public enum SourceState {
    OK,
    FAILED
}
