package imageserver.source;

/**
 * An order-independent 64-bit digest of a listing: the sum of a strong mix of each file's
 * path, size and mtime. Walk order differs between runs; the sum does not.
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

    long value() {
        return sum;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
