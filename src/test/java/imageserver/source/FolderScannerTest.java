package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.TestFiles;

class FolderScannerTest {
    @TempDir
    Path dir;

    private final DirectoryScanner listings = new DirectoryScanner();
    private final FolderScanner folders = new FolderScanner();

    private FolderScan scan(Path root, FileSelection selection, Map<String, ArchiveStamp> indexed) throws Exception {
        return folders.scan(root, listings.scan(root, selection), selection, indexed);
    }

    private static List<String> names(SourceScan scan) {
        return scan.files().stream().map(ScannedFile::path).sorted().toList();
    }

    @Test
    void byDefaultOnlyMediaIsTakenAndHiddenFilesAndJunkAreLeftOutAndCounted() throws Exception {
        Path root = dir.resolve("library");
        for (String taken : List.of("a.jpg", "b.PNG", "clip.mp4", "song.flac", "comics/page 1.webp")) {
            TestFiles.write(root.resolve(taken), "x");
        }
        for (String leftOut : List.of(".DS_Store", "README notes.txt", "page.html", "scan.pdf", "Thumbs.db",
                "desktop.ini", "comics/.hidden.jpg", "comics/noextension")) {
            TestFiles.write(root.resolve(leftOut), "x");
        }
        // Not walked at all, so not counted either.
        TestFiles.write(root.resolve(".thumbnails/a.jpg"), "x");
        TestFiles.write(root.resolve("__MACOSX/comics/._page 1.webp"), "x");

        SourceScan media = scan(root, FileSelection.MEDIA, Map.of()).scan();
        SourceScan all = scan(root, FileSelection.ALL_FILES, Map.of()).scan();

        assertEquals(List.of("a.jpg", "b.PNG", "clip.mp4", "comics/page 1.webp", "song.flac"), names(media));
        assertEquals(8, media.leftOut());
        assertEquals(15, all.files().size());
        assertEquals(0, all.leftOut());
    }

    @Test
    void archivesAtAnyDepthGiveTheirEntriesUnderTheirOwnPathEvenWithAllFiles() throws Exception {
        Path root = dir.resolve("library");
        TestFiles.write(root.resolve("cover.jpg"), "c");
        new TestFiles.Zip().stored("001.jpg", "1").deflated("sub/002.png", "2").stored("notes.txt", "n")
                .writeTo(root.resolve("comics/deep/Akira 01.cbz"));
        new TestFiles.Zip().stored("a.jpg", "a").writeTo(root.resolve("top.ZIP"));

        for (FileSelection selection : List.of(FileSelection.MEDIA, FileSelection.ALL_FILES)) {
            FolderScan contents = scan(root, selection, Map.of());

            List<String> expected = selection.allFiles()
                    ? List.of("comics/deep/Akira 01.cbz/001.jpg", "comics/deep/Akira 01.cbz/notes.txt",
                            "comics/deep/Akira 01.cbz/sub/002.png", "cover.jpg", "top.ZIP/a.jpg")
                    : List.of("comics/deep/Akira 01.cbz/001.jpg", "comics/deep/Akira 01.cbz/sub/002.png",
                            "cover.jpg", "top.ZIP/a.jpg");
            assertEquals(expected, names(contents.scan()), "with " + selection);
            ScannedFile entry = contents.scan().files().stream()
                    .filter(f -> f.path().endsWith("002.png")).findFirst().orElseThrow();
            assertEquals("comics/deep/Akira 01.cbz", entry.archive());
            assertEquals("sub/002.png", entry.pathInArchive());
            assertEquals(List.of("comics/deep/Akira 01.cbz", "top.ZIP"),
                    contents.archives().stream().map(NestedArchive::path).sorted().toList());
            assertEquals(selection.allFiles() ? 0 : 1, contents.scan().leftOut(), "notes.txt only");
        }
    }

    @Test
    void anArchiveTheIndexHoldsAtTheSameSizeAndTimeIsNotReopened() throws Exception {
        Path root = dir.resolve("library");
        Path archive = new TestFiles.Zip().stored("001.jpg", "1").writeTo(root.resolve("a.cbz"));
        FileTime mtime = Files.getLastModifiedTime(archive);
        ArchiveStamp stamp = new ArchiveStamp(Files.size(archive), mtime.toMillis());
        // Same size and time, but no longer a ZIP: reading it would fail.
        Files.write(archive, new byte[(int) Files.size(archive)]);
        Files.setLastModifiedTime(archive, mtime);

        FolderScan unchanged = scan(root, FileSelection.MEDIA, Map.of("a.cbz", stamp));
        FolderScan moved = scan(root, FileSelection.MEDIA, Map.of("a.cbz", new ArchiveStamp(stamp.size(), 1)));

        assertEquals(NestedArchive.State.UNCHANGED, unchanged.archives().getFirst().state());
        assertEquals(List.of(), unchanged.scan().files());
        assertEquals(NestedArchive.State.FAILED, moved.archives().getFirst().state());
    }

    @Test
    void anUnreadableArchiveFailsAloneWithAReasonAndItsSiblingsAreRead() throws Exception {
        Path root = dir.resolve("library");
        new TestFiles.Zip().stored("001.jpg", "1").writeTo(root.resolve("good.cbz"));
        TestFiles.write(root.resolve("bad.cbz"), "this is not a zip");
        TestFiles.write(root.resolve("photo.jpg"), "p");
        TestFiles.write(root.resolve(".hidden.cbz"), "left out, not read");

        FolderScan contents = scan(root, FileSelection.MEDIA, Map.of());

        assertEquals(List.of("good.cbz/001.jpg", "photo.jpg"), names(contents.scan()));
        NestedArchive bad = contents.archives().stream().filter(a -> a.path().equals("bad.cbz")).findFirst().orElseThrow();
        assertEquals(NestedArchive.State.FAILED, bad.state());
        assertEquals("not a readable ZIP archive: it has no end-of-central-directory record (cut short, or not a ZIP)",
                bad.failure());
        assertEquals(2, contents.archives().size(), "the hidden archive is not one");
        assertEquals(1, contents.scan().leftOut());
        assertNull(contents.scan().files().stream().filter(f -> f.path().equals("photo.jpg"))
                .findFirst().orElseThrow().archive());
    }
}
