package imageserver.index;

/** OK after a complete scan; FAILED when the last scan could not read the source (its entries are kept). */
public enum SourceState {
    OK,
    FAILED
}
