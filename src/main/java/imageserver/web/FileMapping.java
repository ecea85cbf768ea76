package imageserver.web;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * A whole file mapped into memory: a read is a copy out of the page cache, with no system call
 * and no copy through the JDK's direct buffers (docs/decisions/0004-memory-mappings.md).
 *
 * <p>Only a JDK that can unmap on demand (an {@code Arena}, JDK 22+) maps: a mapping left to
 * the garbage collector could outlive its file's eviction by hours, holding address space and
 * resident pages. On JDK 21 {@link #mapper()} is empty and files are read with the channel.
 */
interface FileMapping {
    /** Length of the mapping: the file's size when it was mapped. */
    long size();

    /**
     * Copies {@code length} bytes from {@code position} into {@code target}, all within
     * {@link #size()}. Throws {@link InternalError} if the file was truncated under the mapping
     * (the JVM's form of the SIGBUS).
     */
    void copy(long position, byte[] target, int offset, int length);

    /** Unmaps: no copy may be running or start after it. */
    void unmap();

    /** Maps whole files read-only. */
    interface Mapper {
        FileMapping map(FileChannel channel, long size) throws IOException;
    }

    /** The running JDK's mapper; the class exists only in builds made with JDK 22+ (pom.xml, profile "jdk22"). */
    static Optional<Mapper> mapper() {
        if (Runtime.version().feature() < 22) {
            return Optional.empty();
        }
        try {
            return Optional.of((Mapper) Class.forName("imageserver.web.ArenaMapper").getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }
}
