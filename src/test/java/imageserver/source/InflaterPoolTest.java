package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

class InflaterPoolTest {
    /** {@code length} bytes that compress somewhat. */
    private static byte[] original(long seed, int length) {
        byte[] bytes = new byte[length];
        Random random = new Random(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (random.nextInt(16) + 'a');
        }
        return bytes;
    }

    /** Raw deflate data, as in a ZIP entry. */
    private static byte[] deflated(byte[] original) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(original);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static InputStream decoder(byte[] compressed, InflaterPool pool) throws IOException {
        return ZipMethods.decoder(ZipMethods.DEFLATED, new ByteArrayInputStream(compressed), pool);
    }

    @Test
    void anInflaterLeftMidStreamOrByDamagedDataDecodesTheNextEntryFromItsStart() throws IOException {
        byte[] first = original(1, 200_000);
        byte[] second = original(2, 150_000);
        byte[] damaged = deflated(first);
        Arrays.fill(damaged, 100, 200, (byte) 0xFF);
        try (InflaterPool pool = new InflaterPool(4)) {
            try (InputStream in = decoder(deflated(first), pool)) {
                assertEquals(first[0], (byte) in.read(), "read a little, then given back mid-stream");
            }
            assertThrows(IOException.class, () -> {
                try (InputStream in = decoder(damaged, pool)) {
                    in.readAllBytes();
                }
            });
            assertEquals(1, pool.retained(), "one inflater served both");

            try (InputStream in = decoder(deflated(second), pool)) {
                assertArrayEquals(second, in.readAllBytes());
            }
        }
    }

    @Test
    void closingADecoderTwiceGivesItsInflaterBackOnce() throws IOException {
        try (InflaterPool pool = new InflaterPool(4)) {
            InputStream in = decoder(deflated(original(3, 1_000)), pool);
            in.close();
            in.close();

            assertEquals(1, pool.retained());
            assertNotSame(pool.take(), pool.take(), "two streams at once never share an inflater");
        }
    }

    @Test
    void anInflaterGivenBackAfterThePoolClosedIsEnded() {
        InflaterPool pool = new InflaterPool(4);
        Inflater inUse = pool.take();
        pool.close();

        pool.give(inUse);

        assertEquals(0, pool.retained());
        assertThrows(RuntimeException.class, () -> inUse.inflate(new byte[1]));
    }

    @Test
    void keepsAtMostItsLimitAndEndsTheInflatersBeyondIt() {
        try (InflaterPool pool = new InflaterPool(1)) {
            Inflater kept = pool.take();
            Inflater extra = pool.take();
            pool.give(kept);
            pool.give(extra);

            assertEquals(1, pool.retained());
            assertSame(kept, pool.take());
            // Ended: its native memory is freed, and it refuses work (JDK 21 throws NullPointerException, 25 IllegalStateException).
            assertThrows(RuntimeException.class, () -> extra.inflate(new byte[1]));
        }
    }
}
