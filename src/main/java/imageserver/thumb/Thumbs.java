package imageserver.thumb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Thumbnails on demand: from the cache when made before, else made by a pool of worker threads
 * (one per core), one at a time per file however many ask for it; a file that cannot be decoded
 * gets a placeholder and is remembered as such. While the file routes are busy, the workers
 * rest between thumbnails so that together they take {@link #SHARE_WHILE_BUSY} of one core, and
 * the routes the rest (decision 0014).
 */
public final class Thumbs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Thumbs.class.getName());
    /** The kinds of file whose thumbnails are decoded; the rest get placeholders. */
    private static final Set<String> DECODED = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp");
    /** Files larger than this are not read for a thumbnail (the read is held in memory while decoded). */
    static final long MAX_BYTES = 48L * 1024 * 1024;
    /** How many undecodable files are remembered, past which the memory of them starts afresh. */
    private static final int REMEMBERED = 10_000;

    /** What stands for a file: a JPEG thumbnail, or a placeholder of its kind. */
    public sealed interface Picture {
        record Jpeg(byte[] bytes) implements Picture {
        }

        record Placeholder(Placeholders.Kind kind) implements Picture {
        }
    }

    /** Opens a file's bytes; called on a worker thread, once per thumbnail made. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** The part of one core that thumbnails may take while the file routes are busy. */
    static final double SHARE_WHILE_BUSY = 0.2;

    private final Optional<ThumbCache> cache;
    private final ExecutorService workers;
    /** After a thumbnail made while the routes were busy, a worker rests this many times as long. */
    private final double restFactor;
    private final BooleanSupplier routesBusy;
    private final LongConsumer rester;
    private final Map<String, CompletableFuture<Picture>> making = new ConcurrentHashMap<>();
    private final Set<String> undecodable = ConcurrentHashMap.newKeySet();
    private volatile boolean cacheWarned;

    /**
     * @param cache      where thumbnails are kept; empty to make them anew each time ({@code --thumb-cache off})
     * @param routesBusy whether the file routes are answering requests now
     */
    public Thumbs(Optional<ThumbCache> cache, int workers, BooleanSupplier routesBusy) {
        this(cache, workers, routesBusy, Thumbs::sleep);
    }

    /** As above, resting through {@code rester} (tests look at the rests instead of taking them). */
    Thumbs(Optional<ThumbCache> cache, int workers, BooleanSupplier routesBusy, LongConsumer rester) {
        this.cache = cache;
        this.workers = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("thumbnailer-", 1).factory());
        this.restFactor = workers / SHARE_WHILE_BUSY - 1;
        this.routesBusy = routesBusy;
        this.rester = rester;
    }

    /** Workers for this machine: one per core. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The picture for a file of type {@code mime} and {@code size} bytes, under {@code key} (which
     * must change when the file does).
     */
    public Picture picture(String key, String mime, long size, Opener opener) throws IOException, InterruptedException {
        if (!DECODED.contains(mime)) {
            return new Picture.Placeholder(Placeholders.kindOf(mime));
        }
        if (size > MAX_BYTES) {
            return new Picture.Placeholder(Placeholders.Kind.BROKEN);
        }
        if (undecodable.contains(key)) {
            return new Picture.Placeholder(Placeholders.Kind.BROKEN);
        }
        Optional<byte[]> cached = fromCache(key);
        if (cached.isPresent()) {
            return new Picture.Jpeg(cached.get());
        }
        CompletableFuture<Picture> mine = new CompletableFuture<>();
        CompletableFuture<Picture> pending = making.putIfAbsent(key, mine);
        if (pending == null) {
            pending = mine;
            workers.execute(() -> {
                long start = System.nanoTime();
                Picture made = null;
                Throwable failure = null;
                try {
                    made = make(key, opener);
                } catch (Throwable e) {  // even an Error: whoever waits for it must not wait forever
                    failure = e;
                }
                long took = System.nanoTime() - start;
                boolean rest = routesBusy.getAsBoolean();
                making.remove(key, mine);
                if (failure == null) {
                    mine.complete(made);
                } else {
                    mine.completeExceptionally(failure);
                }
                if (rest) {
                    rester.accept((long) (took * restFactor));
                }
            });
        }
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Picture make(String key, Opener opener) throws IOException {
        byte[] jpeg;
        try (InputStream in = opener.open(); ImageInputStream image = new MemoryCacheImageInputStream(in)) {
            byte[] head = new byte[64 * 1024];
            int length = image.read(head);
            image.seek(0);
            jpeg = Thumbnailer.make(image, length > 0 ? ExifOrientation.of(head, length) : ExifOrientation.UPRIGHT);
        } catch (Thumbnailer.Undecodable e) {
            if (undecodable.size() >= REMEMBERED) {
                undecodable.clear();
            }
            undecodable.add(key);
            return new Picture.Placeholder(Placeholders.Kind.BROKEN);
        }
        if (cache.isPresent()) {
            try {
                cache.get().put(key, jpeg);
            } catch (IOException e) {
                cacheFailed(e);
            }
        }
        return new Picture.Jpeg(jpeg);
    }

    /** A cache that cannot be read is a miss: the thumbnail is made again. */
    private Optional<byte[]> fromCache(String key) {
        if (cache.isEmpty()) {
            return Optional.empty();
        }
        try {
            return cache.get().get(key);
        } catch (IOException e) {
            cacheFailed(e);
            return Optional.empty();
        }
    }

    /** Said once: thumbnails are still made and sent, only not kept. */
    private void cacheFailed(IOException e) {
        if (!cacheWarned) {
            cacheWarned = true;
            LOG.log(System.Logger.Level.WARNING, "the thumbnail cache " + cache.map(ThumbCache::folder).orElse(null)
                    + " cannot be used (" + e + "); thumbnails are made without it");
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers, interrupting their rests, and waits a moment for them to end. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
