package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import imageserver.testing.TestFiles;

class BufferedReadChannelTest {
    @TempDir
    Path dir;

    /** From {@code start} on, the channel reads as if the file began there. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1_234})
    void smallAndLargeReadsAtAnyPositionReturnTheFileBytes(int start) throws Exception {
        byte[] file = TestFiles.bytes(100_000, 3);
        byte[] content = Arrays.copyOfRange(file, start, file.length);
        Path path = TestFiles.write(dir.resolve("data.bin"), file);
        Random random = new Random(5);
        try (FileChannel open = FileChannel.open(path); BufferedReadChannel channel = new BufferedReadChannel(open, start)) {
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
