import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Deterministic real images for the serve benchmark: COUNT pictures of about 120 KB (half
 * JPEG, a quarter PNG, a quarter WebP; noisy gradients so that they do not compress further),
 * in nested folders OUT/dirs/album-NN/photo-NNN.(jpg|png|webp), and the same files under the
 * same paths as entries of OUT/stored.zip (stored) and OUT/deflated.zip (deflated). File names
 * are unique across albums. The JDK writes no WebP: Debian's cwebp (package webp) does.
 * Usage: java bench/GenerateImages.java OUT [COUNT]
 */
public class GenerateImages {
    private static final int PER_ALBUM = 20;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dirs = Files.createDirectories(out.resolve("dirs"));
        Random random = new Random(120);
        try (ZipOutputStream stored = new ZipOutputStream(Files.newOutputStream(out.resolve("stored.zip")));
             ZipOutputStream deflated = new ZipOutputStream(Files.newOutputStream(out.resolve("deflated.zip")))) {
            for (int i = 0; i < count; i++) {
                String type = switch (i % 4) {
                    case 1 -> "webp";
                    case 3 -> "png";
                    default -> "jpg";
                };
                byte[] data = switch (type) {
                    case "webp" -> webp(random);
                    case "png" -> png(random);
                    default -> jpeg(random);
                };
                String name = String.format("album-%02d/photo-%03d.%s", i / PER_ALBUM, i, type);
                Path file = dirs.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, data);
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry plain = new ZipEntry(name);
                plain.setMethod(ZipEntry.STORED);
                plain.setSize(data.length);
                plain.setCompressedSize(data.length);
                plain.setCrc(crc.getValue());
                write(stored, plain, data);
                write(deflated, new ZipEntry(name), data);
            }
        }
        System.out.println("generated " + count + " images under " + out);
    }

    /** A gradient with per-pixel noise: real pictures' entropy, deterministic from the seed. */
    private static BufferedImage picture(Random random, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int hue = random.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(64)) & 0xff;
                int g = (y * 255 / height + random.nextInt(64)) & 0xff;
                int b = (hue + random.nextInt(64)) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static byte[] jpeg(Random random) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(picture(random, 480, 360), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(Random random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture(random, 240, 180), "png", bytes);
        return bytes.toByteArray();
    }

    /** Lossy WebP at quality 90, by cwebp (single-threaded, so the same bytes every time). */
    private static byte[] webp(Random random) throws IOException {
        Path png = Files.createTempFile("image", ".png");
        Path webp = Files.createTempFile("image", ".webp");
        try {
            ImageIO.write(picture(random, 480, 360), "png", png.toFile());
            Process cwebp;
            try {
                cwebp = new ProcessBuilder("cwebp", "-quiet", "-q", "90", png.toString(), "-o", webp.toString())
                        .inheritIO().start();
            } catch (IOException e) {
                throw new IOException("cwebp is needed for the WebP images (Debian: apt-get install webp)", e);
            }
            if (cwebp.waitFor() != 0) {
                throw new IOException("cwebp failed with status " + cwebp.exitValue());
            }
            return Files.readAllBytes(webp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running cwebp", e);
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(webp);
        }
    }

    private static void write(ZipOutputStream zip, ZipEntry entry, byte[] data) throws IOException {
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
