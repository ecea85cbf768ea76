package imageserver.web;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenFilesTest {
    @TempDir
    Path dir;
    /** The cache's clock, which the tests move. */
    private final AtomicLong clock = new AtomicLong();

    @Test
    void aFileOpenedAgainReusesItsOpenChannel() throws IOException {
        Path file = write("a.jpg", "first");
        try (OpenFiles files = cache(4)) {
            FileChannel first = usedOnce(files, file);
            try (OpenFiles.Lease lease = open(files, file)) {
                assertSame(first, lease.channel());
                assertTrue(first.isOpen());
            }
        }
    }

    @Test
    void aCachedFileIsFoundByItsKeyAndItsPathIsAskedForOnlyToOpenIt() throws IOException {
        Path file = write("a.jpg", "bytes");
        AtomicInteger located = new AtomicInteger();
        OpenFiles.Location location = () -> {
            located.incrementAndGet();
            return file;
        };
        try (OpenFiles files = cache(4)) {
            files.open("key of a", location).close();
            clock.addAndGet(OpenFiles.ATTRIBUTES_VALID_NANOS);
            try (OpenFiles.Lease checkedAgain = files.open("key of a", location)) {
                assertEquals("bytes", read(checkedAgain));
            }
            assertEquals(1, located.get(), "checked again at the path it was opened from");

            Files.delete(file);
            clock.addAndGet(OpenFiles.ATTRIBUTES_VALID_NANOS);
            assertThrows(NoSuchFileException.class, () -> files.open("key of a", location));
            assertEquals(0, files.size(), "a file gone is let go");
        }
    }

    @Test
    void aPathThatCannotBeFoundIsReportedAndNothingIsCached() throws IOException {
        try (OpenFiles files = cache(4)) {
            IOException refused = assertThrows(IOException.class,
                    () -> files.open("key", () -> { throw new IOException("path leaves its source"); }));
            assertEquals("path leaves its source", refused.getMessage());
            assertEquals(0, files.size());
        }
    }

    @Test
    void aFileReplacedOnDiskIsReadFromItsOpenChannelUntilItsAttributesAreDueACheckThenOpenedAnew() throws IOException {
        Path file = write("a.jpg", "old bytes");
        try (OpenFiles files = cache(4)) {
            FileChannel old = usedOnce(files, file);
            Files.move(write("new.tmp", "new bytes, longer"), file, StandardCopyOption.REPLACE_EXISTING);
            clock.addAndGet(OpenFiles.ATTRIBUTES_VALID_NANOS - 1);

            try (OpenFiles.Lease lease = open(files, file)) {
                assertSame(old, lease.channel());
                assertEquals("old bytes", read(lease), "the file as it was, whole");
                assertEquals(9, lease.attributes().size());
            }
            clock.addAndGet(1);
            try (OpenFiles.Lease lease = open(files, file)) {
                assertNotSame(old, lease.channel());
                assertEquals("new bytes, longer", read(lease));
                assertEquals(17, lease.attributes().size());
            }
            assertFalse(old.isOpen(), "the replaced file's channel is closed");
        }
    }

    @Test
    void keepsAtMostItsCapacityOpenAndClosesWhatItEvicts() throws IOException {
        try (OpenFiles files = cache(2)) {
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
        try (OpenFiles files = cache(1)) {
            OpenFiles.Lease held = open(files, a);
            try (OpenFiles.Lease other = open(files, write("b.jpg", "bytes of b"))) {
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
        try (OpenFiles files = cache(4)) {
            FileChannel channel = usedOnce(files, file);
            Files.delete(file);
            try (OpenFiles.Lease lease = open(files, file)) {
                assertEquals("gone soon", read(lease), "still open, and its attributes not yet due a check");
            }
            clock.addAndGet(OpenFiles.ATTRIBUTES_VALID_NANOS);

            assertThrows(NoSuchFileException.class, () -> open(files, file));
            assertFalse(channel.isOpen());
            assertEquals(0, files.size());
        }
    }

    @Test
    void closingTheCacheClosesEveryChannelItHolds() throws IOException {
        OpenFiles files = cache(4);
        FileChannel channel = usedOnce(files, write("a.jpg", "a"));

        files.close();

        assertFalse(channel.isOpen());
        assertEquals(0, files.size());
    }

    @Test
    void aFileOpenedASecondTimeIsReadFromAMappingOfIt() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path file = write("a.jpg", "x".repeat(10_000));
        try (OpenFiles files = cache(4)) {
            try (OpenFiles.Lease first = open(files, file)) {
                assertFalse(first.isMapped(), "a file read once is not worth mapping");
            }
            try (OpenFiles.Lease second = open(files, file)) {
                assertTrue(second.isMapped());
                assertEquals("x".repeat(10_000), read(second));
                assertEquals(10_000, files.mappedBytes());
            }
        }
    }

    @Test
    void toStayWithinItsBudgetTheCacheLetsGoOfTheMappedFileUsedLongestAgo() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path a = write("a.jpg", "aaaaaa");
        Path b = write("b.jpg", "bbbbbb");
        try (OpenFiles files = aMappedAndBReadOnce(a, b)) {
            clock.addAndGet(SECONDS.toNanos(2));
            try (OpenFiles.Lease lease = open(files, b)) {
                assertTrue(lease.isMapped(), "6 + 6 bytes exceed the budget of 10: a, unused for 2 s, made room");
                assertEquals("bbbbbb", read(lease));
            }
            assertEquals(6, files.mappedBytes());
            assertEquals(1, files.size());
            try (OpenFiles.Lease lease = open(files, a)) {
                assertFalse(lease.isMapped());
                assertEquals("aaaaaa", read(lease));
            }
        }
    }

    @Test
    void aMappedFileStillBeingReadKeepsItsMappingAndTheNextFileWaitsForTheRoom() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path a = write("a.jpg", "aaaaaa");
        Path b = write("b.jpg", "bbbbbb");
        try (OpenFiles files = roomForOneOfTwoMappings()) {
            usedOnce(files, a);
            OpenFiles.Lease held = open(files, a);
            assertTrue(held.isMapped());
            usedOnce(files, b);
            clock.addAndGet(SECONDS.toNanos(2));
            try (OpenFiles.Lease lease = open(files, b)) {
                assertFalse(lease.isMapped(), "a is evicted, but unmaps only once it is read");
                assertEquals("bbbbbb", read(lease));
            }
            assertEquals("aaaaaa", read(held));
            held.close();
            assertEquals(0, files.mappedBytes());

            try (OpenFiles.Lease lease = open(files, b)) {
                assertTrue(lease.isMapped(), "now there is room");
            }
        }
    }

    @Test
    void aMappingUsedInTheLastSecondIsNotEvictedForAnotherFile() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path a = write("a.jpg", "aaaaaa");
        Path b = write("b.jpg", "bbbbbb");
        try (OpenFiles files = aMappedAndBReadOnce(a, b)) {
            clock.addAndGet(MILLISECONDS.toNanos(500));
            try (OpenFiles.Lease lease = open(files, b)) {
                assertFalse(lease.isMapped(), "a was used half a second ago: b is read, not mapped in its place");
            }
            assertEquals(6, files.mappedBytes());
            assertEquals(2, files.size());

            clock.addAndGet(SECONDS.toNanos(1));
            try (OpenFiles.Lease lease = open(files, b)) {
                assertTrue(lease.isMapped(), "a has been idle for 1.5 s");
            }
        }
    }

    @Test
    void anEvictedMappingStaysReadableUntilItsLastLeaseClosesThenIsUnmapped() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path a = write("a.jpg", "bytes of a");
        try (OpenFiles files = cache(1)) {
            usedOnce(files, a);
            OpenFiles.Lease held = open(files, a);
            assertTrue(held.isMapped());
            usedOnce(files, write("b.jpg", "bytes of b"));

            assertEquals("bytes of a", read(held), "evicted while in use, still mapped");
            assertEquals(10, files.mappedBytes());
            held.close();
            assertEquals(0, files.mappedBytes());
        }
    }

    @Test
    void aFileTruncatedUnderItsMappingReadsAsEndedInsteadOfCrashing() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        Path file = write("a.jpg", "y".repeat(64 * 1024));
        try (OpenFiles files = cache(4)) {
            usedOnce(files, file);
            try (OpenFiles.Lease lease = open(files, file)) {
                assertTrue(lease.isMapped());
                try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    writer.truncate(0);
                }

                assertEquals(-1, lease.read(32 * 1024, new byte[1024], 0, 1024));
            }
        }
    }

    @Test
    void aFileShrunkInPlaceIsOpenedAnewAndReadsItsNewBytes() throws IOException {
        Path file = write("a.jpg", "z".repeat(64 * 1024));
        try (OpenFiles files = cache(4)) {
            usedOnce(files, file);
            FileChannel mapped = usedOnce(files, file);
            Files.writeString(file, "short now", StandardCharsets.UTF_8);
            clock.addAndGet(OpenFiles.ATTRIBUTES_VALID_NANOS);

            try (OpenFiles.Lease lease = open(files, file)) {
                assertEquals("short now", read(lease));
                if (FileMapping.mapper().isPresent()) {
                    assertNotSame(mapped, lease.channel(), "its mapping would reach past the end");
                }
            }
        }
    }

    @Test
    void withoutAMapperEveryReadGoesThroughTheChannel() throws IOException {
        Path file = write("a.jpg", "plain reads");
        try (OpenFiles files = new OpenFiles(4, new MappingBudget(1 << 20, Optional.empty()), clock::get)) {
            usedOnce(files, file);
            try (OpenFiles.Lease lease = open(files, file)) {
                assertFalse(lease.isMapped());
                assertEquals("plain reads", read(lease));
            }
            assertEquals(0, files.mappedBytes());
        }
    }

    @Test
    void closingTheCacheUnmapsWhatItMapped() throws IOException {
        assumeTrue(FileMapping.mapper().isPresent(), "this JDK cannot unmap on demand");
        OpenFiles files = cache(4);
        Path file = write("a.jpg", "mapped");
        usedOnce(files, file);
        usedOnce(files, file);
        assertEquals(6, files.mappedBytes());

        files.close();

        assertEquals(0, files.mappedBytes());
    }

    /**
     * Each read of the clock moves it on by {@code clockStepMillis}: by 1 s, every open reads the
     * file's attributes; by 0.4 s, some opens trust those read before.
     */
    @ParameterizedTest
    @ValueSource(longs = {1_000, 400})
    void concurrentReadersSeeTheirFilesBytesWhileOthersEvictAndUnmapThem(long clockStepMillis) throws Exception {
        Path[] paths = new Path[6];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = write(i + ".jpg", Integer.toString(i).repeat(5_000 + i));
        }
        // Room for two files open and one mapped: nearly every open evicts or unmaps another.
        // Every read of the clock is later than the one before: a mapping not used for the last
        // second or two may be evicted for another.
        try (OpenFiles files = new OpenFiles(2, new MappingBudget(5_010, FileMapping.mapper()), () -> clock.addAndGet(MILLISECONDS.toNanos(clockStepMillis)));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                readers.add(threads.submit(() -> {
                    int checked = 0;
                    for (int n = 0; n < 2_000; n++) {
                        int i = (seed + n * 7) % paths.length;
                        try (OpenFiles.Lease lease = open(files, paths[i])) {
                            assertEquals(Integer.toString(i).repeat(5_000 + i), read(lease));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> reader : readers) {
                assertEquals(2_000, reader.get());
            }
            assertTrue(files.mappedBytes() <= 5_010);
        }
    }

    /** Budget for one of two 6-byte files mapped, not both, on the test's clock. */
    private OpenFiles roomForOneOfTwoMappings() {
        return new OpenFiles(4, new MappingBudget(10, FileMapping.mapper()), clock::get);
    }

    /** {@link #roomForOneOfTwoMappings()} with a opened twice (so mapped) and b once: b's next open wants a's room. */
    private OpenFiles aMappedAndBReadOnce(Path a, Path b) throws IOException {
        OpenFiles files = roomForOneOfTwoMappings();
        usedOnce(files, a);
        usedOnce(files, a);
        usedOnce(files, b);
        return files;
    }

    /** A cache on the test's clock that maps reused files with the JDK's mapper, if it has one. */
    private OpenFiles cache(int capacity) {
        return new OpenFiles(capacity, new MappingBudget(1 << 20, FileMapping.mapper()), clock::get);
    }

    /** Opens a file through the cache under its path, as the server opens an archive. */
    private static OpenFiles.Lease open(OpenFiles files, Path file) throws IOException {
        return files.open(file.toString(), () -> file);
    }

    /** Opens the file through the cache and closes the lease: the channel stays with the cache. */
    private static FileChannel usedOnce(OpenFiles files, Path file) throws IOException {
        try (OpenFiles.Lease lease = open(files, file)) {
            return lease.channel();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String read(OpenFiles.Lease lease) throws IOException {
        byte[] bytes = new byte[(int) lease.attributes().size()];
        int done = 0;
        for (int n; done < bytes.length && (n = lease.read(done, bytes, done, bytes.length - done)) > 0; ) {
            done += n;
        }
        return new String(bytes, 0, done, StandardCharsets.UTF_8);
    }
}
