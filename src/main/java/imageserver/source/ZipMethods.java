package imageserver.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZUtils;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/**
 * The ZIP compression methods image-server serves, and how each is decoded from the raw bytes
 * recorded at index time. Stored entries are a plain byte range; the others are decoded on the
 * fly by commons-compress (or the JDK's Inflater). Anything else is skipped and counted at
 * index time.
 */
public final class ZipMethods {
    public static final int STORED = ZipMethod.STORED.getCode();
    public static final int DEFLATED = ZipMethod.DEFLATED.getCode();
    private static final int DECODER_INPUT = 16 * 1024;
    private static final Set<Integer> ALWAYS_DECODABLE = Set.of(
            DEFLATED, ZipMethod.ENHANCED_DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private ZipMethods() {
    }

    public static boolean isServable(int method) {
        return method == STORED || ALWAYS_DECODABLE.contains(method)
                || isXz(method) && XZUtils.isXZCompressionAvailable()
                || isZstd(method) && ZstdUtils.isZstdCompressionAvailable();
    }

    /**
     * The uncompressed bytes of an entry whose compressed bytes are {@code compressed};
     * closing the result releases what the decoder holds (an Inflater, back to {@code inflaters};
     * native zstd state).
     */
    public static InputStream decoder(int method, InputStream compressed, InflaterPool inflaters) throws IOException {
        if (method == DEFLATED) {
            return inflater(compressed, inflaters);
        }
        InputStream buffered = new BufferedInputStream(compressed, DECODER_INPUT);
        if (method == ZipMethod.ENHANCED_DEFLATED.getCode()) {
            return new Deflate64CompressorInputStream(buffered);
        }
        if (method == ZipMethod.BZIP2.getCode()) {
            return new BZip2CompressorInputStream(buffered);
        }
        if (isXz(method)) {
            return new XZCompressorInputStream(buffered);
        }
        if (isZstd(method)) {
            return new ZstdCompressorInputStream(buffered);
        }
        throw new IOException("ZIP method " + method + " is not served");
    }

    private static boolean isXz(int method) {
        return method == ZipMethod.XZ.getCode();
    }

    private static boolean isZstd(int method) {
        return method == ZipMethod.ZSTD.getCode() || method == ZipMethod.ZSTD_DEPRECATED.getCode();
    }

    private static InputStream inflater(InputStream compressed, InflaterPool inflaters) {
        Inflater inflater = inflaters.take();
        return new InflaterInputStream(compressed, inflater, DECODER_INPUT) {
            private boolean returned;

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    // Once only: given back twice, it would be handed to two streams at once.
                    if (!returned) {
                        returned = true;
                        inflaters.give(inflater);
                    }
                }
            }
        };
    }
}
