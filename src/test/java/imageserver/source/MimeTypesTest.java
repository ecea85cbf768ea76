package imageserver.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MimeTypesTest {
    @ParameterizedTest
    @ValueSource(strings = {"jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "svg", "tif", "tiff", "ico", "heic",
            "jxl", "mp4", "webm", "mov", "mkv", "mp3", "ogg", "flac", "wav", "pdf", "txt"})
    void everyTypeOfTheContractIsKnownWhateverTheCase(String extension) {
        assertNotEquals(MimeTypes.DEFAULT, MimeTypes.forName("dir/file." + extension));
        assertEquals(MimeTypes.forName("a." + extension), MimeTypes.forName("A." + extension.toUpperCase()));
    }

    @Test
    void commonTypesAreExact() {
        assertEquals("image/jpeg", MimeTypes.forName("x/y.JPG"));
        assertEquals("image/svg+xml", MimeTypes.forName("logo.svg"));
        assertEquals("video/mp4", MimeTypes.forName("clip.mp4"));
    }

    @Test
    void unknownOrMissingExtensionIsOctetStream() {
        assertEquals(MimeTypes.DEFAULT, MimeTypes.forName("README"));
        assertEquals(MimeTypes.DEFAULT, MimeTypes.forName("archive.xyz"));
        assertEquals(MimeTypes.DEFAULT, MimeTypes.forName("folder.jpg/noext"));
        assertEquals(MimeTypes.DEFAULT, MimeTypes.forName(".hidden"));
    }
}
