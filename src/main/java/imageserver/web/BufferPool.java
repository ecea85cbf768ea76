package imageserver.web;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Reusable buffers for file data. A fresh array per response was 300 MB/s of garbage at 4.7k
 * req/s, and virtual threads make thread-locals useless for this. At most RETAINED x SIZE
 * (16 MB) stay allocated.
 *
 * <p>Last in, first out: the buffer handed out is the one given back last, still in the CPU's
 * cache, so reading a file into it does not first fetch its old contents from memory. Taken in
 * turn (first in, first out) the 64 buffers cycled through 16 MB, and a 120 KB response took
 * 6-10 µs more CPU (BENCHMARKS.md, "Eighth session").
 */
final class BufferPool {
    static final int SIZE = 256 * 1024;
    private static final int RETAINED = 64;

    private final BlockingDeque<byte[]> free = new LinkedBlockingDeque<>(RETAINED);

    byte[] take() {
        byte[] buffer = free.pollFirst();
        return buffer != null ? buffer : new byte[SIZE];
    }

    void give(byte[] buffer) {
        free.offerFirst(buffer);
    }
}
