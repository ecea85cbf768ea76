package imageserver.web;

/**
 * A gzip member (RFC 1952) around raw deflate data we already hold: a deflated ZIP entry's bytes
 * as they lie in the archive, with the CRC-32 and size the archive recorded. Sent with
 * {@code Content-Encoding: gzip}, such an entry costs the server no inflating at all; the browser
 * decodes it. Why: docs/decisions/0005-gzip-pass-through.md.
 */
final class GzipMember {
    static final int HEADER_LENGTH = 10;
    static final int TRAILER_LENGTH = 8;
    /** Magic, method deflate, no flags, no time, no extra flags, OS unknown. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private GzipMember() {
    }

    /** The member's length around {@code deflatedLength} bytes of deflate data. */
    static long length(long deflatedLength) {
        return HEADER_LENGTH + deflatedLength + TRAILER_LENGTH;
    }

    static byte[] header() {
        return HEADER.clone();
    }

    static void writeHeader(byte[] target, int offset) {
        System.arraycopy(HEADER, 0, target, offset, HEADER_LENGTH);
    }

    /** CRC-32 and size (modulo 2^32, as the format says) of the uncompressed data, little-endian. */
    static void writeTrailer(byte[] target, int offset, long crc, long size) {
        writeInt(target, offset, crc);
        writeInt(target, offset + 4, size);
    }

    static byte[] trailer(long crc, long size) {
        byte[] trailer = new byte[TRAILER_LENGTH];
        writeTrailer(trailer, 0, crc, size);
        return trailer;
    }

    private static void writeInt(byte[] target, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
