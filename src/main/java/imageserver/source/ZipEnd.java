package imageserver.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * What the end of a file says about it as a ZIP archive, read when the ZIP library cannot open it:
 * whether it has an end-of-central-directory record at all, and how many bytes come before the
 * archive proper. Those bytes (a self-extractor's stub, data prepended by another tool) shift every
 * offset the archive records; Info-ZIP's {@code unzip} reads such archives with a warning, by the
 * difference between where the central directory is said to be and where it is.
 *
 * @param found        whether the file has an end-of-central-directory record
 * @param leadingBytes bytes before the archive proper, 0 if none (or if they cannot be told)
 */
record ZipEnd(boolean found, long leadingBytes) {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int MAX_COMMENT = 0xFFFF;

    static ZipEnd of(FileChannel file) throws IOException {
        long size = file.size();
        int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT);
        long tailStart = size - tailLength;
        ByteBuffer tail = read(file, tailStart, tailLength);
        int at = endRecordIn(tail);
        if (at < 0) {
            return new ZipEnd(false, 0);
        }
        long end = tailStart + at;
        long leading;
        boolean verified;
        int locator = at - ZIP64_LOCATOR_LENGTH;
        if (locator >= 0 && tail.getInt(locator) == ZIP64_LOCATOR_SIGNATURE) {
            // The ZIP64 end record sits right before its locator, which says where it was written.
            long actual = end - ZIP64_LOCATOR_LENGTH - ZIP64_END_LENGTH;
            leading = actual - tail.getLong(locator + 8);
            verified = actual >= 0 && signatureAt(file, actual) == ZIP64_END_SIGNATURE;
        } else {
            long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
            leading = end - directorySize - directoryOffset;
            verified = directorySize > 0 && leading > 0 && signatureAt(file, directoryOffset + leading) == CENTRAL_HEADER_SIGNATURE;
        }
        return new ZipEnd(true, verified && leading > 0 ? leading : 0);
    }

    /** Where the end record starts in the tail: the last signature whose comment ends the file, else the last one. */
    private static int endRecordIn(ByteBuffer tail) {
        int last = -1;
        for (int at = tail.limit() - END_LENGTH; at >= 0; at--) {
            if (tail.getInt(at) == END_SIGNATURE) {
                if (at + END_LENGTH + Short.toUnsignedInt(tail.getShort(at + 20)) == tail.limit()) {
                    return at;
                }
                last = last < 0 ? at : last;
            }
        }
        return last;
    }

    private static int signatureAt(FileChannel file, long position) throws IOException {
        return position + 4 <= file.size() ? read(file, position, 4).getInt(0) : 0;
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && file.read(buffer, position + buffer.position()) > 0) {
            // until full, or at the end of the file
        }
        return buffer.flip();
    }
}
