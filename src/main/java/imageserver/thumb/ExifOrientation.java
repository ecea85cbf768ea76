package imageserver.thumb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The EXIF orientation of a JPEG (1 to 8; 1 is upright), read from its APP1 segment: cameras
 * store pixels as the sensor saw them and say in this tag how to turn them.
 */
final class ExifOrientation {
    static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation in the first bytes of a JPEG ({@code head}: 64 KB hold every APP1), or upright. */
    static int of(byte[] head, int length) {
        ByteBuffer jpeg = ByteBuffer.wrap(head, 0, length).order(ByteOrder.BIG_ENDIAN);
        try {
            if (jpeg.getShort() != (short) 0xFFD8) {
                return UPRIGHT;
            }
            while (jpeg.remaining() >= 4) {
                int marker = jpeg.getShort() & 0xFFFF;
                int segmentLength = jpeg.getShort() & 0xFFFF;
                int start = jpeg.position();
                if (marker == 0xFFE1 && segmentLength >= 16 && isExif(jpeg, start)) {
                    return fromTiff(jpeg, start + 6, start + segmentLength - 2);
                }
                if (marker == 0xFFDA || (marker & 0xFF00) != 0xFF00) {
                    return UPRIGHT;  // the image data starts: no EXIF before it
                }
                jpeg.position(start + segmentLength - 2);
            }
        } catch (RuntimeException e) {
            // cut short or malformed: as if there were no tag
        }
        return UPRIGHT;
    }

    private static boolean isExif(ByteBuffer jpeg, int at) {
        return jpeg.get(at) == 'E' && jpeg.get(at + 1) == 'x' && jpeg.get(at + 2) == 'i' && jpeg.get(at + 3) == 'f'
                && jpeg.get(at + 4) == 0 && jpeg.get(at + 5) == 0;
    }

    /** The tag in IFD0 of the TIFF structure between {@code tiff} and {@code end}. */
    private static int fromTiff(ByteBuffer jpeg, int tiff, int end) {
        ByteBuffer t = jpeg.duplicate();
        t.order(t.get(tiff) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff + t.getInt(tiff + 4);
        int count = t.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + i * 12;
            if (entry + 12 > end) {
                break;
            }
            if ((t.getShort(entry) & 0xFFFF) == ORIENTATION_TAG) {
                int value = t.getShort(entry + 8) & 0xFFFF;
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }
}
