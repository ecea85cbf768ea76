import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deterministic image-sized files for the serve benchmark: COUNT files of about 120 KB of
 * incompressible bytes (like JPEG), as OUT/dirs/photo-NNN.jpg, and the same files as entries of
 * OUT/stored.zip (stored) and OUT/deflated.zip (deflated).
 * Usage: java bench/GenerateImages.java OUT [COUNT]
 */
public class GenerateImages {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dirs = Files.createDirectories(out.resolve("dirs"));
        Random random = new Random(120);
        try (ZipOutputStream stored = new ZipOutputStream(Files.newOutputStream(out.resolve("stored.zip")));
             ZipOutputStream deflated = new ZipOutputStream(Files.newOutputStream(out.resolve("deflated.zip")))) {
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[110_000 + random.nextInt(20_000)];
                random.nextBytes(data);
                String name = String.format("photo-%03d.jpg", i);
                Files.write(dirs.resolve(name), data);
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
        System.out.println("generated " + count + " files under " + out);
    }

    private static void write(ZipOutputStream zip, ZipEntry entry, byte[] data) throws IOException {
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
