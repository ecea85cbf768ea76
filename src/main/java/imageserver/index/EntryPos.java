package imageserver.index;

/** The entries table's key: part id in the high 32 bits, 1-based seq in natural order within the part in the low 32. */
final class EntryPos {
    private EntryPos() {
    }

    static long of(int partId, int seq) {
        return ((long) partId << 32) | (seq & 0xFFFFFFFFL);
    }

    static int partId(long pos) {
        return (int) (pos >>> 32);
    }

    static int seq(long pos) {
        return (int) pos;
    }

    static long firstOf(int partId) {
        return of(partId, 0);
    }

    static long lastOf(int partId) {
        return of(partId, -1);
    }
}
