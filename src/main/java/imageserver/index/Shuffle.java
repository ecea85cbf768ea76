package imageserver.index;

/**
 * A random-looking order of {@code n} items that needs no list: a keyed bijection of
 * {@code [0, n)}, so step {@code k} of the order is item {@link #at}(k), and {@link #stepOf}
 * finds where an item comes. The same seed and {@code n} give the same order, in any process.
 * A balanced Feistel network over the smallest even number of bits that holds {@code n} (a block
 * cipher on small numbers), walked again while its output falls outside {@code [0, n)}: at most
 * four items to try per step on average, as the block holds fewer than 4n values.
 */
public final class Shuffle {
    private static final int ROUNDS = 6;

    private final long seed;
    private final long n;
    private final int halfBits;
    private final long halfMask;

    public Shuffle(long seed, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("nothing to shuffle: " + n);
        }
        this.seed = seed;
        this.n = n;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
    }

    /** The item at step {@code step} of the order, {@code 0 <= step < n}. */
    public long at(long step) {
        long x = step;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    /** The step at which {@code item} comes, {@code 0 <= item < n}: the inverse of {@link #at}. */
    public long stepOf(long item) {
        long x = item;
        do {
            x = decrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long mixed = left ^ round(round, right);
            left = right;
            right = mixed;
        }
        return (left << halfBits) | right;
    }

    private long decrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int round = ROUNDS - 1; round >= 0; round--) {
            long mixed = right ^ round(round, left);
            right = left;
            left = mixed;
        }
        return (left << halfBits) | right;
    }

    /** The round function: the seed, the round and the half, through a 64-bit mixer (SplitMix64's). */
    private long round(int round, long half) {
        long z = seed + (round + 1) * 0x9E3779B97F4A7C15L + half * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & halfMask;
    }
}
