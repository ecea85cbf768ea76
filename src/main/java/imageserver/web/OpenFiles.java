package imageserver.web;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Files kept open between requests, at most {@code capacity} of them (as nginx's open_file_cache):
 * a ZIP archive serves all its entries from one open channel, and a file viewed again is not
 * reopened. A cached file's attributes are trusted for {@link #ATTRIBUTES_VALID_NANOS}; then read
 * again, and a file found replaced on disk (another file key) or shrunk under its mapping is
 * opened anew, one found gone is let go. Why a cache: docs/decisions/0003-open-file-cache.md.
 *
 * <p>A file opened again while cached is also mapped into memory, within a {@link MappingBudget}:
 * to map another file, the cache lets go of the mapped files used longest ago, though not of one
 * used in the last second (when the files read again do not all fit, mapping and unmapping on
 * every request would cost more than reading). A file read once is never mapped.
 *
 * <p>Files are cached under a key the caller gives, one that names the same file for the life of
 * the cache (a folder file's hash, an archive's path), so that a request for a cached file builds
 * no {@code Path}. A file is shared: read it at explicit positions only. It closes (and unmaps)
 * once it has left the cache and the last {@link Lease} on it is closed.
 */
final class OpenFiles implements AutoCloseable {
    /** How long a mapping in use is safe from being evicted for another. */
    private static final long MAPPING_KEPT_NANOS = 1_000_000_000L;
    /**
     * How long a cached file's attributes are trusted, as nginx's open_file_cache_valid: a change
     * on disk is seen within this. Meanwhile a deleted or replaced file is read from the channel
     * still open on it, and one truncated reads as ended, never as bytes past its end.
     */
    static final long ATTRIBUTES_VALID_NANOS = 1_000_000_000L;

    private final int capacity;
    private final Map<String, OpenFile> files = new ConcurrentHashMap<>();
    private final MappingBudget mappings;
    private final LongSupplier nanoTime;

    /** Keeps up to {@code capacity} files open, and maps reused ones within {@code mappings}, timed by {@code nanoTime}. */
    OpenFiles(int capacity, MappingBudget mappings, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.mappings = mappings;
        this.nanoTime = nanoTime;
    }

    /** Where the file of a key is: asked only when the file is opened (a bad path is reported there). */
    @FunctionalInterface
    interface Location {
        Path path() throws IOException;
    }

    /**
     * The file cached under {@code key} (opened from {@code location} if it is not) and its
     * attributes, as of now or, for a file already open, as of at most
     * {@link #ATTRIBUTES_VALID_NANOS} ago; close the lease when done.
     */
    Lease open(String key, Location location) throws IOException {
        long now = nanoTime.getAsLong();
        OpenFile cached = files.get(key);
        if (cached != null) {
            Checked last = cached.checked;
            if (now - last.at() < ATTRIBUTES_VALID_NANOS && cached.retain()) {
                return reuse(cached, last.attributes(), now);
            }
        }
        Path file = cached != null ? cached.path : location.path();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget(key);
            throw e;
        }
        if (cached != null && cached.isStill(attributes) && cached.retain()) {
            cached.checked = new Checked(attributes, now);
            return reuse(cached, attributes, now);
        }
        OpenFile opened = new OpenFile(FileChannel.open(file, StandardOpenOption.READ), file, new Checked(attributes, now));
        opened.retain();
        OpenFile replaced = files.put(key, opened);
        if (replaced != null) {
            replaced.release();
        }
        evictBeyondCapacity(key);
        return new Lease(opened, attributes);
    }

    /** A lease on a cached file (the caller has retained it), which is mapped if it is now worth it. */
    private Lease reuse(OpenFile cached, BasicFileAttributes attributes, long now) {
        cached.lastUsed = now;
        if (cached.isWorthMapping(attributes.size())) {
            map(cached, attributes.size());
        }
        return new Lease(cached, attributes);
    }

    /** A file's attributes and when they were read. */
    private record Checked(BasicFileAttributes attributes, long at) {
    }

    /** Bytes mapped now, by the cache and by evicted files still leased. */
    long mappedBytes() {
        return mappings.mapped();
    }

    /** Number of files held open by the cache (leases may hold evicted ones a little longer). */
    int size() {
        return files.size();
    }

    private void forget(String key) {
        OpenFile gone = files.remove(key);
        if (gone != null) {
            gone.release();
        }
    }

    /** Evicts in the map's order, which is no order: a file viewed once is as likely to go as any. */
    private void evictBeyondCapacity(String keep) {
        Iterator<Map.Entry<String, OpenFile>> entries = files.entrySet().iterator();
        while (files.size() > capacity && entries.hasNext()) {
            Map.Entry<String, OpenFile> entry = entries.next();
            if (!entry.getKey().equals(keep) && files.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().release();
            }
        }
    }

    /** Maps a reused file (the caller holds a lease on it), making room by evicting the mapped files used longest ago. */
    private void map(OpenFile file, long size) {
        if (!file.beingMapped.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!mappings.reserve(size)) {
                evictLeastRecentlyMapped(file, size);
                if (!mappings.reserve(size)) {
                    return; // the files evicted are still being read; a later request will find the room
                }
            }
            try {
                file.mapping = mappings.map(file.channel, size);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // Out of address space or mappings, or a file system that cannot map: its channel reads it.
                mappings.release(size);
                file.unmappable = true;
            }
        } finally {
            file.beingMapped.set(false);
        }
    }

    /**
     * Evicts mapped files left unused for a second, least recently used first, until {@code size}
     * more bytes would fit. A file still being read unmaps when its last lease closes, so the room
     * may come a little later.
     */
    private void evictLeastRecentlyMapped(OpenFile keep, long size) {
        long excess = mappings.excessFor(size);
        long usedRecently = nanoTime.getAsLong() - MAPPING_KEPT_NANOS;
        while (excess > 0) {
            Map.Entry<String, OpenFile> oldest = null;
            for (Map.Entry<String, OpenFile> entry : files.entrySet()) {
                OpenFile candidate = entry.getValue();
                if (candidate != keep && candidate.mapping != null && candidate.lastUsed - usedRecently < 0
                        && (oldest == null || candidate.lastUsed - oldest.getValue().lastUsed < 0)) {
                    oldest = entry;
                }
            }
            if (oldest == null) {
                return;
            }
            if (files.remove(oldest.getKey(), oldest.getValue())) {
                excess -= oldest.getValue().mapping.size();
                oldest.getValue().release();
            }
        }
    }

    @Override
    public void close() {
        files.keySet().forEach(this::forget);
    }

    /** One open file, shared by the cache and the leases on it. */
    private final class OpenFile {
        private final FileChannel channel;
        /** Where it was opened, and is checked again. */
        private final Path path;
        private final Object fileKey;
        /** The attributes last read from disk; replaced (never changing the file key) when read again. */
        private volatile Checked checked;
        /** The cache's reference plus one per lease; at zero the channel is closed and the file unmapped. */
        private final AtomicInteger references = new AtomicInteger(1);
        /** Set at most once, while a lease is held. */
        private volatile FileMapping mapping;
        private final AtomicBoolean beingMapped = new AtomicBoolean();
        private volatile boolean unmappable;
        private volatile long lastUsed;

        OpenFile(FileChannel channel, Path path, Checked checked) {
            this.channel = channel;
            this.path = path;
            this.fileKey = checked.attributes().fileKey();
            this.checked = checked;
            this.lastUsed = checked.at();
        }

        /** Still the same file, and not shorter than its mapping (reading past the end of a file faults). */
        boolean isStill(BasicFileAttributes attributes) {
            FileMapping mapped = mapping;
            return Objects.equals(fileKey, attributes.fileKey()) && (mapped == null || attributes.size() >= mapped.size());
        }

        boolean isWorthMapping(long size) {
            return mapping == null && !unmappable && mappings.fits(size);
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
                FileMapping mapped = mapping;
                if (mapped != null) {
                    mapped.unmap();
                    mappings.release(mapped.size());
                }
                try {
                    channel.close();
                } catch (IOException e) {
                    // Read-only: nothing can be lost, and the descriptor is released either way.
                }
            }
        }

        int read(long position, byte[] target, int offset, int length) throws IOException {
            FileMapping mapped = mapping;
            if (mapped != null && position + length <= mapped.size()) {
                try {
                    mapped.copy(position, target, offset, length);
                    return length;
                } catch (InternalError e) {
                    // Truncated after this request checked its size: the page is gone, as the file's end is.
                    return -1;
                }
            }
            return channel.read(ByteBuffer.wrap(target, offset, length), position);
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

        /**
         * Reads up to {@code length} bytes at {@code position} into {@code target}, from the
         * file's mapping when it has one: the number read, or -1 at the end of the file.
         */
        int read(long position, byte[] target, int offset, int length) throws IOException {
            return file.read(position, target, offset, length);
        }

        /** Whether reads are served from a mapping of the file. */
        boolean isMapped() {
            return file.mapping != null;
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
