package imageserver.web;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Files kept open between requests, at most {@code capacity} of them (as nginx's
 * open_file_cache): a ZIP archive serves all its entries from one open channel, and a file
 * viewed again is not reopened. Every {@link #open} still reads the file's attributes, and a
 * file replaced on disk (another file key) is opened anew.
 *
 * <p>Why: every {@code FileChannel} joins the JDK's common Cleaner when it opens and leaves it
 * when it closes, under one lock. Under load, request threads piled up behind it and some waited
 * hundreds of milliseconds (BENCHMARKS.md, "Eighth session").
 *
 * <p>A channel is shared: read it at explicit positions only. It closes once it has left the
 * cache and the last {@link Lease} on it is closed.
 */
final class OpenFiles implements AutoCloseable {
    private final int capacity;
    private final Map<Path, OpenFile> files = new ConcurrentHashMap<>();

    OpenFiles(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The file open for reading and its attributes as of now; close the lease when done. */
    Lease open(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget(file);
            throw e;
        }
        OpenFile cached = files.get(file);
        if (cached != null && Objects.equals(cached.fileKey, attributes.fileKey()) && cached.retain()) {
            return new Lease(cached, attributes);
        }
        OpenFile opened = new OpenFile(FileChannel.open(file, StandardOpenOption.READ), attributes.fileKey());
        opened.retain();
        OpenFile replaced = files.put(file, opened);
        if (replaced != null) {
            replaced.release();
        }
        evictBeyondCapacity(file);
        return new Lease(opened, attributes);
    }

    /** Number of files held open by the cache (leases may hold evicted ones a little longer). */
    int size() {
        return files.size();
    }

    private void forget(Path file) {
        OpenFile gone = files.remove(file);
        if (gone != null) {
            gone.release();
        }
    }

    /** Evicts in the map's order, which is no order: a file viewed once is as likely to go as any. */
    private void evictBeyondCapacity(Path keep) {
        Iterator<Map.Entry<Path, OpenFile>> entries = files.entrySet().iterator();
        while (files.size() > capacity && entries.hasNext()) {
            Map.Entry<Path, OpenFile> entry = entries.next();
            if (!entry.getKey().equals(keep) && files.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().release();
            }
        }
    }

    @Override
    public void close() {
        files.keySet().forEach(this::forget);
    }

    /** One open file, shared by the cache and the leases on it. */
    private static final class OpenFile {
        private final FileChannel channel;
        private final Object fileKey;
        /** The cache's reference plus one per lease; at zero the channel is closed. */
        private final AtomicInteger references = new AtomicInteger(1);

        OpenFile(FileChannel channel, Object fileKey) {
            this.channel = channel;
            this.fileKey = fileKey;
        }

        /** Adds a reference unless the channel is already closed. */
        boolean retain() {
            int count;
            do {
                count = references.get();
                if (count == 0) {
                    return false;
                }
            } while (!references.compareAndSet(count, count + 1));
            return true;
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Read-only: nothing can be lost, and the descriptor is released either way.
                }
            }
        }
    }

    /** A use of an open file; closing it more than once is harmless. */
    static final class Lease implements AutoCloseable {
        private final OpenFile file;
        private final BasicFileAttributes attributes;
        private boolean closed;

        private Lease(OpenFile file, BasicFileAttributes attributes) {
            this.file = file;
            this.attributes = attributes;
        }

        FileChannel channel() {
            return file.channel;
        }

        BasicFileAttributes attributes() {
            return attributes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                file.release();
            }
        }
    }
}
