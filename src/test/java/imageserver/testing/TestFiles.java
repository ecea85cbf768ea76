package imageserver.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real files for tests: folders of files and ZIP archives with stored and deflated entries. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    public static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** Entries to put in a ZIP, in order; a name ending in '/' makes a directory entry. */
    public static final class Zip {
        private final Map<String, byte[]> entries = new LinkedHashMap<>();
        private final Map<String, Boolean> stored = new LinkedHashMap<>();
        private long entryTime = -1;

        /** Gives every entry this modification time (else the time of writing). */
        public Zip at(long epochMillis) {
            entryTime = epochMillis;
            return this;
        }

        public Zip deflated(String name, String content) {
            return deflated(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public Zip deflated(String name, byte[] content) {
            entries.put(name, content);
            stored.put(name, false);
            return this;
        }

        public Zip stored(String name, String content) {
            return stored(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public Zip stored(String name, byte[] content) {
            entries.put(name, content);
            stored.put(name, true);
            return this;
        }

        public Zip directory(String name) {
            entries.put(name, new byte[0]);
            stored.put(name, true);
            return this;
        }

        public Path writeTo(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    if (entryTime >= 0) {
                        entry.setTime(entryTime);
                    }
                    if (stored.get(e.getKey())) {
                        CRC32 crc = new CRC32();
                        crc.update(e.getValue());
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(e.getValue().length);
                        entry.setCompressedSize(e.getValue().length);
                        entry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return file;
        }
    }

    public static Zip zip() {
        return new Zip();
    }

    /** Deterministic bytes that do not compress to nothing. */
    public static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }
}
