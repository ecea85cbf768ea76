package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.TestFiles;

class DirectoryScannerTest {
    @TempDir
    Path dir;

    private final DirectoryScanner scanner = new DirectoryScanner();

    /** What a plain sequential walk finds: every regular file, '/'-separated, relative to root. */
    private static List<String> walkedSequentially(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    private static List<String> names(SourceScan scan) {
        return scan.files().stream().map(ScannedFile::path).sorted().toList();
    }

    private Path manyFolders(int folders, int filesPerFolder) throws Exception {
        Path root = dir.resolve("library");
        for (int folder = 0; folder < folders; folder++) {
            for (int file = 0; file < filesPerFolder; file++) {
                TestFiles.write(root.resolve("f" + folder + "/sub " + (folder % 3) + "/p" + file + ".jpg"), "x" + file);
            }
        }
        return root;
    }

    @Test
    void foldersScannedInParallelListEveryFileExactlyOnce() throws Exception {
        Path root = manyFolders(40, 25);

        // In a pool of four, subfolders are walked by several threads at once.
        SourceScan scan;
        try (ForkJoinPool pool = new ForkJoinPool(4)) {
            scan = pool.submit(() -> scanner.scan(root, FileSelection.MEDIA)).get();
        }

        assertEquals(1000, scan.files().size());
        assertEquals(walkedSequentially(root), names(scan));
    }

    @Test
    void theFingerprintIsTheSameWhateverThreadsWalkedTheTree() throws Exception {
        Path root = manyFolders(20, 10);

        long inPool;
        try (ForkJoinPool pool = new ForkJoinPool(4)) {
            inPool = pool.submit(() -> scanner.scan(root, FileSelection.MEDIA)).get().fingerprint();
        }
        long alone = scanner.scan(root, FileSelection.MEDIA).fingerprint();
        assertEquals(alone, inPool);

        Files.writeString(root.resolve("f7/sub 1/p3.jpg"), "longer content");
        assertNotEquals(alone, scanner.scan(root, FileSelection.MEDIA).fingerprint());
    }

    @Test
    void aMissingRootOrAFileAsRootFailsWithAMessageThatSaysWhy() throws Exception {
        Path file = TestFiles.write(dir.resolve("photo.jpg"), "x");

        ScanException missing = assertThrows(ScanException.class, () -> scanner.scan(dir.resolve("nowhere"), FileSelection.MEDIA));
        assertEquals("cannot read folder: no such file or folder", missing.getMessage());
        ScanException notAFolder = assertThrows(ScanException.class, () -> scanner.scan(file, FileSelection.MEDIA));
        assertEquals("cannot read folder: not a folder", notAFolder.getMessage());
    }
}
