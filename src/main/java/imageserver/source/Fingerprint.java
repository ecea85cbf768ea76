package imageserver.source;

/**
 * An order-independent 64-bit digest of a listing: the sum of a strong mix of each file's
 * path, size and mtime (and, in an archive, where and how its data is stored). Walk order
 * differs between runs; the sum does not.
 */
final class Fingerprint {
    private long sum;

    void add(String path, long size, long mtime) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h = (h ^ path.charAt(i)) * 0x100000001b3L;
        }
        sum += mix(mix(h ^ size) + mtime);
    }

    /**
     * An archive entry: an archive rewritten with the same names, sizes and times (entries in
     * another order, another compression level) moves the data that serving reads.
     */
    void add(String path, long size, long mtime, ScannedFile.Storage storage) {
        add(path, size, mix(mix(mix(mix(mtime ^ storage.method()) + storage.dataOffset()) + storage.compressedSize())
                + storage.crc()));
    }

    /** Adds another part of the same listing, digested on its own. */
    void add(Fingerprint part) {
        sum += part.sum;
    }

    long value() {
        return sum;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
