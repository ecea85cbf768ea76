import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deterministic benchmark data set (same bytes on every run):
 *   OUT/zips/archive-NNN.zip  ARCHIVES archives of ENTRIES small entries, half stored, half deflated
 *   OUT/dirs/folder-NNNN/     FOLDERS folders of FILES small files
 * Usage: java bench/GenerateDataSet.java OUT [ARCHIVES ENTRIES FOLDERS FILES]
 * Default: 100 x 10,000 ZIP entries + 1,000 x 100 files = 1,100,000 entries.
 */
public class GenerateDataSet {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int archives = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int entries = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int folders = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        int files = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        FileTime when = FileTime.fromMillis(1_700_000_000_000L);
        Random random = new Random(42);

        Path zips = Files.createDirectories(out.resolve("zips"));
        for (int a = 0; a < archives; a++) {
            Path zip = zips.resolve(String.format("archive-%03d.zip", a));
            try (ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
                for (int e = 0; e < entries; e++) {
                    byte[] data = payload(random, a * 1_000_003L + e);
                    ZipEntry entry = new ZipEntry(String.format("chapter-%d/page-%05d.jpg", e / 1000, e));
                    entry.setTime(when.toMillis());
                    if (e % 2 == 0) {
                        CRC32 crc = new CRC32();
                        crc.update(data);
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(data.length);
                        entry.setCompressedSize(data.length);
                        entry.setCrc(crc.getValue());
                    }
                    zos.putNextEntry(entry);
                    zos.write(data);
                    zos.closeEntry();
                }
            }
            Files.setLastModifiedTime(zip, when);
        }

        Path dirs = Files.createDirectories(out.resolve("dirs"));
        for (int d = 0; d < folders; d++) {
            Path folder = Files.createDirectories(dirs.resolve(String.format("folder-%04d", d)));
            for (int f = 0; f < files; f++) {
                Path file = folder.resolve(String.format("img-%03d.jpg", f));
                try (OutputStream os = Files.newOutputStream(file)) {
                    os.write(payload(random, 7_000_000_000L + d * 1_000L + f));
                }
                Files.setLastModifiedTime(file, when);
            }
        }
        System.out.printf("generated %d ZIP entries and %d files under %s%n",
                (long) archives * entries, (long) folders * files, out);
    }

    /** 64 to 320 bytes, compressible like real headers, different per file. */
    private static byte[] payload(Random random, long seed) {
        random.setSeed(seed);
        byte[] data = new byte[64 + random.nextInt(256)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 7 == 0 ? random.nextInt(256) : 'a' + (i % 13));
        }
        return data;
    }
}
