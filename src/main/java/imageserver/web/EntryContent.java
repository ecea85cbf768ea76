package imageserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.commons.compress.utils.BoundedArchiveInputStream;

import imageserver.index.IndexedEntry;
import imageserver.source.InflaterPool;
import imageserver.source.SourceKind;
import imageserver.source.ZipMethods;

/**
 * The bytes of one indexed file, opened for one response: a plain file, a stored ZIP entry (a
 * byte range of the archive), or a compressed one (decoded on the fly). Never the whole file in
 * memory; the file stays open at least as long as the response (see {@link OpenFiles}).
 */
final class EntryContent implements AutoCloseable {
    private final OpenFiles.Lease file;
    private final InflaterPool inflaters;
    private final IndexedEntry entry;
    private final long size;
    private final long mtime;

    private EntryContent(OpenFiles.Lease file, InflaterPool inflaters, IndexedEntry entry, long size, long mtime) {
        this.file = file;
        this.inflaters = inflaters;
        this.entry = entry;
        this.size = size;
        this.mtime = mtime;
    }

    /** Thrown when the file is gone or changed since indexing: the route answers 404. */
    static final class Gone extends IOException {
        Gone(String message) {
            super(message);
        }
    }

    /**
     * Opens the entry's file through {@code files}, which may hand out a channel already open;
     * deflated entries are decoded with inflaters from {@code inflaters}.
     */
    static EntryContent open(IndexedEntry entry, OpenFiles files, InflaterPool inflaters) throws IOException {
        OpenFiles.Lease lease;
        try {
            lease = files.open(cacheKeyOf(entry), () -> fileOf(entry));
        } catch (NoSuchFileException e) {
            throw new Gone("no longer on disk: " + e.getFile());
        }
        try {
            BasicFileAttributes attrs = lease.attributes();
            if (!entry.isArchived()) {
                return new EntryContent(lease, inflaters, entry, attrs.size(), attrs.lastModifiedTime().toMillis());
            }
            if (attrs.size() != entry.archiveSize() || attrs.lastModifiedTime().toMillis() != entry.archiveMtime()) {
                throw new Gone("archive changed since it was indexed: " + fileOf(entry));
            }
            return new EntryContent(lease, inflaters, entry, entry.size(), entry.mtime());
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * What names the entry's file for as long as the server runs: an archive's path, or a folder
     * file's hash (a hash stands for one source and path, and a recent entry's hash is the same
     * string every time, so the lookup compares no characters).
     */
    private static String cacheKeyOf(IndexedEntry entry) {
        if (entry.sourceKind() == SourceKind.ZIP) {
            return entry.sourcePath();
        }
        return entry.archive() != null ? entry.sourcePath() + "/" + entry.archive() : entry.hash();
    }

    /** Where the bytes live: the archive that holds them, or the file; never outside the source folder. */
    private static Path fileOf(IndexedEntry entry) throws Gone {
        Path source = Path.of(entry.sourceHere());
        if (entry.sourceKind() == SourceKind.ZIP) {
            return source;
        }
        String inside = entry.archive() != null ? entry.archive() : entry.path();
        Path file = source.resolve(inside).normalize();
        if (!isInside(source, file)) {
            throw new Gone("path leaves its source: " + inside);
        }
        return file;
    }

    private static boolean isInside(Path root, Path file) {
        return file.startsWith(root) && !file.equals(root);
    }

    long size() {
        return size;
    }

    /** Changes whenever the bytes may have changed: size, time and (for ZIP entries) CRC. */
    String etag() {
        return "\"" + etagBody() + "\"";
    }

    /** The ETag of the gzip form: another representation, so another tag (RFC 9110, 8.8.3). */
    String gzipEtag() {
        return "\"" + etagBody() + "-gzip\"";
    }

    private String etagBody() {
        long crc = entry.storage().isArchived() ? entry.storage().crc() : 0;
        return Long.toHexString(size) + "-" + Long.toHexString(mtime) + "-" + Long.toHexString(crc);
    }

    /** True for a deflated ZIP entry, which can also go out as a gzip member of its bytes as archived. */
    boolean isDeflated() {
        return entry.storage().isArchived() && entry.storage().method() == ZipMethods.DEFLATED;
    }

    /** Length of the gzip form of a deflated entry. */
    long gzipSize() {
        return GzipMember.length(entry.storage().compressedSize());
    }

    /** Writes the gzip form of a deflated entry into the start of {@code target}, which must hold {@link #gzipSize()}. */
    void readGzipInto(byte[] target) throws IOException {
        int deflated = (int) entry.storage().compressedSize();
        GzipMember.writeHeader(target, 0);
        readRaw(entry.storage().dataOffset(), deflated, target, GzipMember.HEADER_LENGTH);
        GzipMember.writeTrailer(target, GzipMember.HEADER_LENGTH + deflated, entry.storage().crc(), size);
    }

    /** Copies the gzip form of a deflated entry to {@code out}, through {@code buffer}. */
    void copyGzip(OutputStream out, byte[] buffer) throws IOException {
        out.write(GzipMember.header());
        copyRaw(entry.storage().dataOffset(), entry.storage().compressedSize(), out, buffer);
        out.write(GzipMember.trailer(entry.storage().crc(), size));
    }

    /** Copies {@code length} bytes from {@code start} of the (uncompressed) file to {@code out}, through {@code buffer}. */
    void copy(long start, long length, OutputStream out, byte[] buffer) throws IOException {
        if (isCompressed()) {
            try (InputStream in = decoded(start)) {
                long remaining = length;
                while (remaining > 0) {
                    int n = decode(in, buffer, 0, (int) Math.min(buffer.length, remaining));
                    out.write(buffer, 0, n);
                    remaining -= n;
                }
            }
            return;
        }
        copyRaw(rawOffset() + start, length, out, buffer);
    }

    /** Copies bytes of the opened file as they lie on disk. */
    private void copyRaw(long position, long length, OutputStream out, byte[] buffer) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = readAt(position, buffer, 0, (int) Math.min(buffer.length, remaining));
            out.write(buffer, 0, n);
            position += n;
            remaining -= n;
        }
    }

    /** The whole (uncompressed) content as a stream, for a reader that goes through it once (thumbnails). */
    InputStream stream() throws IOException {
        return isCompressed() ? decoded(0) : new PositionalStream(file, rawOffset(), size);
    }

    /** Reads {@code length} bytes from {@code start} of the (uncompressed) file into the start of {@code target}. */
    void readInto(long start, int length, byte[] target) throws IOException {
        if (isCompressed()) {
            try (InputStream in = decoded(start)) {
                for (int done = 0; done < length; ) {
                    done += decode(in, target, done, length - done);
                }
            }
            return;
        }
        readRaw(rawOffset() + start, length, target, 0);
    }

    /** Reads bytes of the opened file as they lie on disk into {@code target} from {@code offset}. */
    private void readRaw(long position, int length, byte[] target, int offset) throws IOException {
        for (int done = 0; done < length; ) {
            done += readAt(position + done, target, offset + done, length - done);
        }
    }

    /** Reads decoded bytes; decoders report damaged data with all sorts of exceptions, and to a client it is gone. */
    private static int decode(InputStream in, byte[] buffer, int offset, int length) throws Gone {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new Gone("cannot decode the entry (archive damaged since indexing?): " + e.getMessage());
        }
        if (n < 0) {
            throw new Gone("entry ended early (archive damaged since indexing?)");
        }
        return n;
    }

    private boolean isCompressed() {
        return entry.storage().isArchived() && entry.storage().method() != ZipMethods.STORED;
    }

    /** Where the file's bytes start in the file opened: 0 for a plain file, the data offset for a stored entry. */
    private long rawOffset() {
        return entry.storage().isArchived() ? entry.storage().dataOffset() : 0;
    }

    private int readAt(long position, byte[] buffer, int offset, int length) throws IOException {
        int n = file.read(position, buffer, offset, length);
        if (n < 0) {
            throw new Gone("file ended early (truncated since indexing?)");
        }
        return n;
    }

    /** The entry's uncompressed bytes from {@code start} on; closing it releases the decoder. */
    private InputStream decoded(long start) throws IOException {
        InputStream compressed = new PositionalStream(file, entry.storage().dataOffset(),
                entry.storage().compressedSize());
        InputStream in = ZipMethods.decoder(entry.storage().method(), compressed, inflaters);
        try {
            in.skipNBytes(start);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** A byte range of a file that other requests read too: positional reads, no shared position. */
    private static final class PositionalStream extends BoundedArchiveInputStream {
        private final OpenFiles.Lease file;

        PositionalStream(OpenFiles.Lease file, long start, long length) {
            super(start, length);
            this.file = file;
        }

        /** Fills {@code target} (which commons-compress gives as a wrapped array) from {@code position}, ready to be read. */
        @Override
        protected int read(long position, ByteBuffer target) throws IOException {
            int n = file.read(position, target.array(), target.arrayOffset() + target.position(), target.remaining());
            if (n > 0) {
                target.position(target.position() + n);
            }
            target.flip();
            return n;
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
