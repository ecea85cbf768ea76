package imageserver.web;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Reusable buffers for file data: a fresh array per response is garbage at the rate the server
 * sends bytes, and virtual threads make thread-locals useless for this. At most RETAINED x SIZE
 * stay allocated. Last in, first out: the buffer handed out is the one given back last, still in
 * the CPU's cache. Why: docs/decisions/0008-response-bodies.md.
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
