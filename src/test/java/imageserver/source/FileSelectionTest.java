package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths as folders and archives name them, '/'-separated. */
class FileSelectionTest {
    @ParameterizedTest
    @ValueSource(strings = {"a.jpg", "Comics/Vol 1/page 001.JPEG", "clip.webm", "songs/a.ogg", "x.svg", "a..b.png",
            "folder.zip/page.jpg", "../escape.jpg", "./a.jpg"})
    void mediaFilesAreTaken(String path) {
        assertTrue(FileSelection.MEDIA.takes(path), path);
        assertTrue(FileSelection.ALL_FILES.takes(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"__MACOSX/._a.jpg", "__macosx/comics/a.jpg", ".git/objects/a.jpg", "a/.thumbnails/b.jpg",
            ".a.jpg", "Thumbs.db", "comics/THUMBS.DB", "desktop.ini", ".DS_Store", "README notes.txt", "page.html",
            "scan.pdf", "noextension", "archive.zip"})
    void hiddenFilesJunkAndOtherFilesAreLeftOutUnlessAllFiles(String path) {
        assertFalse(FileSelection.MEDIA.takes(path), path);
        assertTrue(FileSelection.ALL_FILES.takes(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "__MACOSX", "a/__MacOSX", "ok/.git"})
    void hiddenAndResourceForkFoldersAreNotWalked(String folder) {
        assertFalse(FileSelection.MEDIA.walksPath(folder), folder);
        assertTrue(FileSelection.ALL_FILES.walksPath(folder), folder);
        assertTrue(FileSelection.MEDIA.walksPath("photos/2024"));
    }
}
