package imageserver.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ExternalTools;

/** Thumbnails of real files: written by ImageIO, cwebp and exiftool, and damaged ones. */
class ThumbnailerTest {
    @TempDir
    Path dir;

    /** An image whose left half is red and right half blue, so that its orientation can be seen. */
    private static BufferedImage halves(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static BufferedImage thumbnail(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            byte[] jpeg = Thumbnailer.make(in, ExifOrientation.of(bytes, Math.min(bytes.length, 65_536)));
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertTrue(jpeg[0] == (byte) 0xFF && jpeg[1] == (byte) 0xD8, "a JPEG");
            return thumb;
        }
    }

    private static boolean reddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getBlue() < 80;
    }

    private static boolean bluish(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 180 && c.getRed() < 80;
    }

    @Test
    void jpegPngGifAndBmpShrinkToTheLongestSideKeepingTheirShape() throws Exception {
        for (String format : new String[] {"jpg", "png", "gif", "bmp"}) {
            Path file = dir.resolve("photo." + format);
            ImageIO.write(halves(1600, 1000, BufferedImage.TYPE_INT_RGB), format.equals("jpg") ? "jpeg" : format, file.toFile());
            BufferedImage thumb = thumbnail(file);
            assertEquals(320, thumb.getWidth(), format);
            assertEquals(200, thumb.getHeight(), format);
            assertTrue(reddish(thumb.getRGB(40, 100)) && bluish(thumb.getRGB(280, 100)), format);
        }
    }

    @Test
    void aSmallImageIsNotEnlarged() throws Exception {
        Path file = dir.resolve("small.png");
        ImageIO.write(halves(100, 60, BufferedImage.TYPE_INT_ARGB), "png", file.toFile());
        BufferedImage thumb = thumbnail(file);
        assertEquals(100, thumb.getWidth());
        assertEquals(60, thumb.getHeight());
    }

    @Test
    void webpMadeByCwebp() throws Exception {
        ExternalTools.require("cwebp");
        ImageIO.write(halves(1200, 900, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("source.png").toFile());
        ExternalTools.run(dir, "cwebp", "-quiet", "source.png", "-o", "photo.webp");
        BufferedImage thumb = thumbnail(dir.resolve("photo.webp"));
        assertEquals(320, thumb.getWidth());
        assertEquals(240, thumb.getHeight());
        assertTrue(reddish(thumb.getRGB(40, 120)) && bluish(thumb.getRGB(280, 120)));
    }

    @Test
    void aPhotoTaggedAsTurnedIsShownUpright() throws Exception {
        ExternalTools.require("exiftool");
        ImageIO.write(halves(800, 400, BufferedImage.TYPE_INT_RGB), "jpeg", dir.resolve("turned.jpg").toFile());
        // 6: the camera was turned a quarter clockwise; shown upright, the stored left half is on top.
        ExternalTools.run(dir, "exiftool", "-q", "-Orientation=6", "-n", "-overwrite_original", "turned.jpg");
        BufferedImage thumb = thumbnail(dir.resolve("turned.jpg"));
        assertEquals(160, thumb.getWidth());
        assertEquals(320, thumb.getHeight());
        assertTrue(reddish(thumb.getRGB(80, 40)), "red on top");
        assertTrue(bluish(thumb.getRGB(80, 280)), "blue below");
    }

    @Test
    void everyOrientationTurnsTheImageAsExifSays() {
        BufferedImage image = halves(4, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.GREEN.getRGB());  // a marked top-left corner
        // Where the stored top-left pixel goes when shown, for orientations 1 to 8.
        int[][] corner = {{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage shown = Thumbnailer.upright(image, orientation);
            boolean swapped = orientation >= 5;
            assertEquals(swapped ? 2 : 4, shown.getWidth(), "orientation " + orientation);
            int[] at = corner[orientation - 1];
            assertEquals(Color.GREEN.getRGB(), shown.getRGB(at[0], at[1]), "orientation " + orientation);
        }
    }

    @Test
    void aDamagedFileIsUndecodableNotAnError() throws Exception {
        Path file = dir.resolve("damaged.jpg");
        ImageIO.write(halves(400, 300, BufferedImage.TYPE_INT_RGB), "jpeg", file.toFile());
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = new byte[bytes.length];
        System.arraycopy(bytes, 0, damaged, 0, 20);  // the header, then zeros
        Files.write(file, damaged);
        assertThrows(Thumbnailer.Undecodable.class, () -> thumbnail(file));
        Files.write(file, "not an image at all".getBytes());
        assertThrows(Thumbnailer.Undecodable.class, () -> thumbnail(file));
    }
}
