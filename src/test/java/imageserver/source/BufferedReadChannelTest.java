package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.TestFiles;

class BufferedReadChannelTest {
    @TempDir
    Path dir;

    @Test
    void smallAndLargeReadsAtAnyPositionReturnTheFileBytes() throws Exception {
        byte[] content = TestFiles.bytes(100_000, 3);
        Path file = TestFiles.write(dir.resolve("data.bin"), content);
        Random random = new Random(5);
        try (BufferedReadChannel channel = new BufferedReadChannel(FileChannel.open(file))) {
            assertEquals(content.length, channel.size());
            for (int i = 0; i < 2_000; i++) {
                int position = random.nextInt(content.length);
                int length = random.nextBoolean() ? 1 + random.nextInt(64) : 1 + random.nextInt(40_000);
                ByteBuffer dst = ByteBuffer.allocate(length);
                channel.position(position);
                while (dst.hasRemaining() && channel.read(dst) > 0) {
                    // keep reading until the buffer is full or the file ends
                }
                int expected = Math.min(length, content.length - position);
                assertEquals(expected, dst.position());
                assertEquals(position + expected, channel.position());
                assertArrayEquals(Arrays.copyOfRange(content, position, position + expected),
                        Arrays.copyOf(dst.array(), expected));
            }
            channel.position(content.length);
            assertEquals(-1, channel.read(ByteBuffer.allocate(10)));
        }
    }
}
