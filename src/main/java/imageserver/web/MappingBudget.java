package imageserver.web;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of open files may be mapped into memory at once, and the mapping itself. Mapped
 * pages are page cache, but they count in the server's resident memory, so the total is bounded:
 * 32 MB unless {@code -Dimageserver.mapped-mb=N} says otherwise (0: no mapping). Why files are
 * mapped at all: docs/decisions/0004-memory-mappings.md.
 */
final class MappingBudget {
    private static final Logger LOG = System.getLogger(MappingBudget.class.getName());
    static final String PROPERTY = "imageserver.mapped-mb";
    private static final long DEFAULT_MB = 32;
    private static final long MAX_MB = 1L << 20;

    private final long limit;
    private final Optional<FileMapping.Mapper> mapper;
    /** Bytes mapped now, by cached files and by evicted ones still leased. */
    private final AtomicLong mapped = new AtomicLong();

    MappingBudget(long limit, Optional<FileMapping.Mapper> mapper) {
        this.limit = limit;
        this.mapper = mapper;
    }

    /** The budget the system property sets, with the running JDK's mapper. */
    static MappingBudget fromSystemProperty() {
        return new MappingBudget(bytes(System.getProperty(PROPERTY)), FileMapping.mapper());
    }

    /** The budget in bytes for a value of the property; a bad one is reported and the default used. */
    static long bytes(String megabytes) {
        if (megabytes == null) {
            return DEFAULT_MB << 20;
        }
        try {
            long value = Long.parseLong(megabytes.strip());
            if (value >= 0 && value <= MAX_MB) {
                return value << 20;
            }
        } catch (NumberFormatException e) {
            // reported below, as an out-of-range number is
        }
        LOG.log(Level.WARNING, "ignoring -D" + PROPERTY + "=" + megabytes + ": not a number of megabytes from 0 to "
                + MAX_MB + "; mapping up to " + DEFAULT_MB + " MB");
        return DEFAULT_MB << 20;
    }

    /** Whether a file of this size could be mapped at all. */
    boolean fits(long size) {
        return mapper.isPresent() && size > 0 && size <= limit;
    }

    /** Takes {@code size} bytes of the budget if they are free. */
    boolean reserve(long size) {
        if (mapped.addAndGet(size) <= limit) {
            return true;
        }
        mapped.addAndGet(-size);
        return false;
    }

    /** How many bytes mapped files must give back before {@code size} more fit. */
    long excessFor(long size) {
        return mapped.get() + size - limit;
    }

    /** Gives back what a mapping (or a failed one) had reserved. */
    void release(long size) {
        mapped.addAndGet(-size);
    }

    /** Maps a whole file, whose size the caller has reserved. */
    FileMapping map(FileChannel channel, long size) throws IOException {
        return mapper.orElseThrow().map(channel, size);
    }

    /** Bytes mapped now. */
    long mapped() {
        return mapped.get();
    }
}
