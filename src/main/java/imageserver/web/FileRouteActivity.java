package imageserver.web;

import java.util.function.LongSupplier;

/** Whether the file route is answering requests now: it had one within the last {@link #WINDOW_NANOS}. */
final class FileRouteActivity {
    static final long WINDOW_NANOS = 250_000_000L;

    private final LongSupplier nanoTime;
    private volatile long last;

    FileRouteActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong() - WINDOW_NANOS;  // idle until the first request
    }

    void requested() {
        last = nanoTime.getAsLong();
    }

    boolean busy() {
        return nanoTime.getAsLong() - last < WINDOW_NANOS;
    }
}
