package imageserver.source;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.zip.Inflater;

/**
 * Inflaters for raw deflate data, reused from one decoded ZIP entry to the next. A new one per
 * entry costs zlib's native state and 32 KB window (malloc'd, then freed) and a registration
 * with the JDK's common Cleaner, whose one lock request threads then queue on (as they did for
 * file channels: docs/decisions/0003-open-file-cache.md). At most {@code retained} are kept; the
 * rest are ended when given back.
 */
public final class InflaterPool implements AutoCloseable {
    private final BlockingDeque<Inflater> free;
    private volatile boolean closed;

    public InflaterPool(int retained) {
        free = new LinkedBlockingDeque<>(retained);
    }

    /** An inflater ready for a new raw deflate stream. */
    Inflater take() {
        Inflater inflater = free.pollFirst();
        return inflater != null ? inflater : new Inflater(true);
    }

    /** Takes an inflater back, whatever state its last stream left it in; give each one back once. */
    void give(Inflater inflater) {
        inflater.reset();
        if (closed || !free.offerFirst(inflater)) {
            inflater.end();
        } else if (closed) {
            close(); // closed while this one went back
        }
    }

    /** Number of inflaters kept for reuse. */
    int retained() {
        return free.size();
    }

    /** Releases the native memory of the inflaters kept; ones still in use end when given back. */
    @Override
    public void close() {
        closed = true;
        for (Inflater inflater = free.pollFirst(); inflater != null; inflater = free.pollFirst()) {
            inflater.end();
        }
    }
}
