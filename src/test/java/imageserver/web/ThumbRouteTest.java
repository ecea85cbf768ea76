package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ServedIndex;
import imageserver.testing.TestFiles;

/** {@code /api/{hash}/thumb} over real HTTP, for files in a folder and in ZIPs, images and not. */
class ThumbRouteTest {
    @TempDir
    Path dir;

    private static byte[] jpeg(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void imagesGetASmallJpegAndEverythingElseAPlaceholderNeverAnError() throws Exception {
        byte[] photo = jpeg(1280, 960);
        TestFiles.write(dir.resolve("photos/a.jpg"), photo);
        TestFiles.write(dir.resolve("photos/b.mp4"), "not really a video");
        TestFiles.write(dir.resolve("photos/c.jpg"), "a damaged photo");
        TestFiles.write(dir.resolve("photos/d.heic"), "an image of a kind not decoded");
        TestFiles.zip().stored("p1.jpg", photo).deflated("p2.jpg", photo).writeTo(dir.resolve("photos/book.cbz"));
        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("photos")))) {
            for (String name : List.of("a.jpg", "book.cbz/p1.jpg", "book.cbz/p2.jpg")) {
                HttpResponse<byte[]> thumb = served.get("/api/" + served.entry("photos", name).hash() + "/thumb");
                assertEquals(200, thumb.statusCode(), name);
                assertEquals("image/jpeg", thumb.headers().firstValue("content-type").orElseThrow(), name);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
                assertEquals(320, image.getWidth(), name);
                assertEquals(240, image.getHeight(), name);
            }
            for (String name : List.of("b.mp4", "c.jpg", "d.heic")) {
                HttpResponse<byte[]> placeholder = served.get("/api/" + served.entry("photos", name).hash() + "/thumb");
                assertEquals(200, placeholder.statusCode(), name);
                assertEquals("image/svg+xml", placeholder.headers().firstValue("content-type").orElseThrow(), name);
                assertEquals("sandbox", placeholder.headers().firstValue("content-security-policy").orElseThrow(), name);
            }
            assertEquals(404, served.get("/api/" + "0".repeat(64) + "/thumb").statusCode());
        }
    }

    @Test
    void aBrowserAsksOnceAndThenRevalidatesWithItsETag() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), jpeg(800, 600));
        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("photos")))) {
            String path = "/api/" + served.entry("photos", "a.jpg").hash() + "/thumb";
            HttpResponse<byte[]> first = served.get(path);
            String etag = first.headers().firstValue("etag").orElseThrow();
            assertTrue(first.headers().firstValue("cache-control").orElseThrow().contains("max-age="));
            assertEquals(304, served.get(path, "If-None-Match", etag).statusCode());
            HttpResponse<byte[]> head = served.send("HEAD", path);
            assertEquals(200, head.statusCode());
            assertEquals(String.valueOf(first.body().length), head.headers().firstValue("content-length").orElseThrow());
            assertEquals(0, head.body().length);
        }
    }

    @Test
    void aFileGoneFromDiskGetsAPictureSayingSoWithA404ThatNoCacheKeeps() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), jpeg(800, 600));
        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("photos")))) {
            String path = "/api/" + served.entry("photos", "a.jpg").hash() + "/thumb";
            java.nio.file.Files.delete(dir.resolve("photos/a.jpg"));
            HttpResponse<byte[]> gone = served.get(path);
            assertEquals(404, gone.statusCode());
            assertEquals("image/svg+xml", gone.headers().firstValue("content-type").orElseThrow());
            assertEquals("no-store", gone.headers().firstValue("cache-control").orElseThrow());
            assertTrue(gone.headers().firstValue("etag").isEmpty());
            assertTrue(new String(gone.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith("<svg"));
        }
    }
}
