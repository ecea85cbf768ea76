package imageserver.index;

/**
 * OK after a complete scan; INCOMPLETE while its first index is written, or after that was
 * interrupted (what was committed stays, and the next run finishes it); FAILED (shown as
 * "offline") when the last scan could not read the source: missing, unreadable, corrupt, or a
 * folder that emptied as if unmounted. Its entries are kept.
 */
public enum SourceState {
    OK,
    INCOMPLETE,
    FAILED
}
