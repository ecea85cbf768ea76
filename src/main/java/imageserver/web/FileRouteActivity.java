package imageserver.web;

import java.util.function.LongSupplier;

/** Whether the file route is answering requests now: it had one within the last {@link #WINDOW_NANOS}. */
final class FileRouteActivity {
    static final long WINDOW_NANOS = 250_000_000L;

    private final LongSupplier nanoTime;
    private volatile long last;
    private volatile boolean ever;

    FileRouteActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void requested() {
        last = nanoTime.getAsLong();
        ever = true;
    }

    boolean busy() {
        return ever && nanoTime.getAsLong() - last < WINDOW_NANOS;
    }
}
