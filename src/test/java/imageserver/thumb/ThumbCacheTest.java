package imageserver.thumb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbCacheTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) seed);
        return b;
    }

    private long bytesOnDisk() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("thumbs"))) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void itStaysWithinItsBoundDroppingTheLeastRecentlyUsed() throws Exception {
        ThumbCache cache = new ThumbCache(dir.resolve("thumbs"), 10_000);
        for (int i = 0; i < 5; i++) {
            cache.put("k" + i, bytes(2_000, i));
        }
        assertEquals(10_000, cache.bytes());
        assertTrue(cache.get("k0").isPresent());  // k0 is now the most recently used
        cache.put("k5", bytes(3_000, 5));
        assertTrue(cache.bytes() <= 10_000, cache.bytes() + " bytes");
        assertEquals(cache.bytes(), bytesOnDisk());
        assertTrue(cache.get("k0").isPresent(), "used recently: kept");
        assertTrue(cache.get("k1").isEmpty() && cache.get("k2").isEmpty(), "the least recently used went");
        assertArrayEquals(bytes(3_000, 5), cache.get("k5").orElseThrow());
    }

    @Test
    void aNewCacheOverTheSameFolderFindsWhatWasKept() throws Exception {
        ThumbCache first = new ThumbCache(dir.resolve("thumbs"), 1_000_000);
        first.put("a", bytes(100, 1));
        first.put("b", bytes(200, 2));
        Files.writeString(dir.resolve("thumbs/new-123.part"), "left by a stop");
        ThumbCache second = new ThumbCache(dir.resolve("thumbs"), 1_000_000);
        assertEquals(300, second.bytes());
        assertArrayEquals(bytes(200, 2), second.get("b").orElseThrow());
        assertTrue(Files.notExists(dir.resolve("thumbs/new-123.part")), "half-written files are removed");
    }
}
