package imageserver.index;

/** The entries table's key: source id in the high 32 bits, 1-based seq in natural order in the low 32. */
final class EntryPos {
    private EntryPos() {
    }

    static long of(int sourceId, int seq) {
        return ((long) sourceId << 32) | (seq & 0xFFFFFFFFL);
    }

    static int sourceId(long pos) {
        return (int) (pos >>> 32);
    }

    static int seq(long pos) {
        return (int) pos;
    }

    static long firstOf(int sourceId) {
        return of(sourceId, 0);
    }

    static long lastOf(int sourceId) {
        return of(sourceId, -1);
    }
}
