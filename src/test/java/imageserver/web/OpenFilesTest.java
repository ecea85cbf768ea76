package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileOpenedAgainReusesItsOpenChannel() throws IOException {
        Path file = write("a.jpg", "first");
        try (OpenFiles files = new OpenFiles(4)) {
            FileChannel first = usedOnce(files, file);
            try (OpenFiles.Lease lease = files.open(file)) {
                assertSame(first, lease.channel());
                assertTrue(first.isOpen());
            }
        }
    }

    @Test
    void aFileReplacedOnDiskIsOpenedAnewAndReadsItsNewBytes() throws IOException {
        Path file = write("a.jpg", "old bytes");
        try (OpenFiles files = new OpenFiles(4)) {
            FileChannel old = usedOnce(files, file);
            Files.move(write("new.tmp", "new bytes, longer"), file, StandardCopyOption.REPLACE_EXISTING);

            try (OpenFiles.Lease lease = files.open(file)) {
                assertNotSame(old, lease.channel());
                assertEquals("new bytes, longer", read(lease));
                assertEquals(17, lease.attributes().size());
            }
            assertFalse(old.isOpen(), "the replaced file's channel is closed");
        }
    }

    @Test
    void keepsAtMostItsCapacityOpenAndClosesWhatItEvicts() throws IOException {
        try (OpenFiles files = new OpenFiles(2)) {
            FileChannel[] channels = new FileChannel[5];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = usedOnce(files, write(i + ".jpg", "file " + i));
            }

            assertEquals(2, files.size());
            long stillOpen = java.util.Arrays.stream(channels).filter(FileChannel::isOpen).count();
            assertEquals(2, stillOpen);
        }
    }

    @Test
    void anEvictedChannelStaysReadableUntilItsLastLeaseCloses() throws IOException {
        Path a = write("a.jpg", "bytes of a");
        try (OpenFiles files = new OpenFiles(1)) {
            OpenFiles.Lease held = files.open(a);
            try (OpenFiles.Lease other = files.open(write("b.jpg", "bytes of b"))) {
                assertEquals("bytes of b", read(other));
            }

            assertEquals("bytes of a", read(held), "evicted while in use, still open");
            held.close();
            assertFalse(held.channel().isOpen());
            held.close();
        }
    }

    @Test
    void aVanishedFileIsReportedAndItsChannelLetGo() throws IOException {
        Path file = write("a.jpg", "gone soon");
        try (OpenFiles files = new OpenFiles(4)) {
            FileChannel channel = usedOnce(files, file);
            Files.delete(file);

            assertThrows(NoSuchFileException.class, () -> files.open(file));
            assertFalse(channel.isOpen());
            assertEquals(0, files.size());
        }
    }

    @Test
    void closingTheCacheClosesEveryChannelItHolds() throws IOException {
        OpenFiles files = new OpenFiles(4);
        FileChannel channel = usedOnce(files, write("a.jpg", "a"));

        files.close();

        assertFalse(channel.isOpen());
        assertEquals(0, files.size());
    }

    /** Opens the file through the cache and closes the lease: the channel stays with the cache. */
    private static FileChannel usedOnce(OpenFiles files, Path file) throws IOException {
        try (OpenFiles.Lease lease = files.open(file)) {
            return lease.channel();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String read(OpenFiles.Lease lease) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) lease.attributes().size());
        while (buffer.hasRemaining() && lease.channel().read(buffer, buffer.position()) > 0) {
            // positional reads, as every user of a shared channel must
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
