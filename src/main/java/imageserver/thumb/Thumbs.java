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

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Thumbnails on demand: from the cache when made before, else made by a small pool of worker
 * threads (as many as there are cores, less one, at least one), one at a time per file however
 * many ask for it; a file that cannot be decoded gets a placeholder and is remembered as such.
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

    private final Optional<ThumbCache> cache;
    private final ExecutorService workers;
    private final Map<String, CompletableFuture<Picture>> making = new ConcurrentHashMap<>();
    private final Set<String> undecodable = ConcurrentHashMap.newKeySet();
    private volatile boolean cacheWarned;

    /** @param cache where thumbnails are kept; empty to make them anew each time ({@code --thumb-cache off}) */
    public Thumbs(Optional<ThumbCache> cache, int workers) {
        this.cache = cache;
        this.workers = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("thumbnailer-", 1).factory());
    }

    /** Workers for this machine: every core but one, which stays for the file routes. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
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
                try {
                    mine.complete(make(key, opener));
                } catch (IOException | RuntimeException e) {
                    mine.completeExceptionally(e);
                } finally {
                    making.remove(key, mine);
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

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
