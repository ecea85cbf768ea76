package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexedEntry;
import imageserver.source.FileSelection;
import imageserver.testing.ExternalTools;
import imageserver.testing.ServedIndex;
import imageserver.testing.TestFiles;

/**
 * ZIPs as real tools make them. Every entry the index reports serves exactly the bytes that
 * {@code unzip -p} or {@code 7z x -so} extract; entries that cannot be served are skipped and
 * counted, never served wrong.
 */
class ArchiveCompatibilityTest {
    @TempDir
    Path dir;

    private final byte[] photo = TestFiles.bytes(150_000, 1);
    private final byte[] page = "a page of text that compresses well\n".repeat(4_000).getBytes(StandardCharsets.UTF_8);
    private final byte[] icon = TestFiles.bytes(3_000, 2);

    /** A folder of three files plus a symlink, to archive with the tools. */
    private Path album() throws IOException {
        Path album = dir.resolve("album");
        TestFiles.write(album.resolve("photo.jpg"), photo);
        TestFiles.write(album.resolve("notes/page.txt"), page);
        TestFiles.write(album.resolve("notes/icon 1.png"), icon);
        Files.createSymbolicLink(album.resolve("link.jpg"), Path.of("photo.jpg"));
        return album;
    }

    private static Map<String, byte[]> served(ServedIndex served, String sourceName) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (IndexedEntry entry : served.entries()) {
            if (Path.of(entry.sourcePath()).getFileName().toString().equals(sourceName)) {
                files.put(entry.path(), served.data(entry));
            }
        }
        return files;
    }

    /** Asserts that every entry served from {@code archive} equals what {@code extractor} gives for its name. */
    private void assertServedAsExtracted(ServedIndex served, String archive, List<String> expectedNames,
                                         String extractor) throws Exception {
        Map<String, byte[]> files = served(served, archive);
        assertEquals(expectedNames.stream().sorted().toList(), List.copyOf(files.keySet()), archive);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            // unzip exits with 1 for warnings such as "extra bytes at beginning" (a self-extractor stub).
            byte[] extracted = ExternalTools.run(dir, 1, "/bin/sh", "-c",
                    extractor + " '" + archive + "' '" + file.getKey() + "'");
            assertArrayEquals(extracted, file.getValue(), archive + " " + file.getKey());
        }
    }

    @Test
    void infoZipArchivesWithFoldersSymlinksAndDataDescriptorsServeWhatUnzipExtracts() throws Exception {
        ExternalTools.require("zip", "unzip");
        album();
        ExternalTools.shell(dir, "cd album && zip -q -r -y ../deflated.zip .");
        ExternalTools.shell(dir, "cd album && zip -q -r -0 ../stored.zip photo.jpg notes");
        // Written to a pipe, zip cannot seek back: sizes and CRCs follow the data (data descriptors).
        ExternalTools.shell(dir, "cd album && zip -q -r - photo.jpg notes | cat > ../streamed.zip");
        ExternalTools.shell(dir, "cd album && zip -q -r ../bzip2.zip -Z bzip2 photo.jpg notes");

        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(
                dir.resolve("deflated.zip"), dir.resolve("stored.zip"), dir.resolve("streamed.zip"),
                dir.resolve("bzip2.zip")), FileSelection.ALL_FILES)) {
            List<String> names = List.of("notes/icon 1.png", "notes/page.txt", "photo.jpg");
            for (String archive : List.of("deflated.zip", "stored.zip", "streamed.zip", "bzip2.zip")) {
                assertServedAsExtracted(served, archive, names, "unzip -p");
            }
            assertEquals(2, served.source("deflated.zip").skipped(), "the folder entry notes/ and the symlink");
            assertEquals(1, served.source("stored.zip").skipped(), "the folder entry notes/");
            assertArrayEquals(photo, served.data(served.entry("streamed.zip", "photo.jpg")));
        }
    }

    @Test
    void sevenZipMethodsAreServedWhereADecoderExistsAndOtherwiseSkippedAndCounted() throws Exception {
        ExternalTools.require("7z");
        album();
        for (String method : List.of("Copy", "Deflate", "Deflate64", "BZip2", "LZMA")) {
            ExternalTools.shell(dir, "cd album && 7z a -bd -tzip -mm=" + method + " ../" + method + ".zip photo.jpg notes");
        }
        ExternalTools.shell(dir, "cd album && 7z a -bd -tzip -pSecret -mem=AES256 ../aes.zip photo.jpg notes");
        ExternalTools.shell(dir, "cd album && 7z a -bd -tzip -pSecret -mem=ZipCrypto ../zipcrypto.zip photo.jpg notes");

        List<Path> archives = List.of("Copy", "Deflate", "Deflate64", "BZip2", "LZMA", "aes", "zipcrypto").stream()
                .map(name -> dir.resolve(name + ".zip")).toList();
        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), archives, FileSelection.ALL_FILES)) {
            List<String> names = List.of("notes/icon 1.png", "notes/page.txt", "photo.jpg");
            for (String method : List.of("Copy", "Deflate", "Deflate64", "BZip2")) {
                assertServedAsExtracted(served, method + ".zip", names, "7z x -so");
            }
            // LZMA-in-ZIP has no decoder in commons-compress: the text is skipped; 7z stores the
            // incompressible files, and those are served.
            assertServedAsExtracted(served, "LZMA.zip", List.of("notes/icon 1.png", "photo.jpg"), "7z x -so");
            assertEquals(2, served.source("LZMA.zip").skipped(), "notes/page.txt and the folder entry notes/");
            // Encrypted entries need a password the server does not have.
            for (String encrypted : List.of("aes.zip", "zipcrypto.zip")) {
                assertEquals(0, served.source(encrypted).entryCount(), encrypted);
                assertEquals(4, served.source(encrypted).skipped(), encrypted + ": three files and the folder notes/");
            }
            assertEquals(0, served.summary().failed());
        }
    }

    @Test
    void xzAndZstandardEntriesAreDecodedOnTheFly() throws Exception {
        Path archive = dir.resolve("modern.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            addRaw(zip, "xz.png", ZipMethod.XZ, photo, XZCompressorOutputStream::new);
            addRaw(zip, "zstd.jpg", ZipMethod.ZSTD, page, ZstdCompressorOutputStream::new);
        }
        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(archive), FileSelection.ALL_FILES)) {
            assertArrayEquals(photo, served.data(served.entry("modern.zip", "xz.png")));
            assertArrayEquals(page, served.data(served.entry("modern.zip", "zstd.jpg")));
            IndexedEntry zstd = served.entry("modern.zip", "zstd.jpg");
            HttpResponse<byte[]> range = served.get("/api/" + zstd.hash() + "/data", "Range", "bytes=1000-1999");
            assertEquals(206, range.statusCode());
            assertArrayEquals(Arrays.copyOfRange(page, 1000, 2000), range.body());
        }
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static void addRaw(ZipArchiveOutputStream zip, String name, ZipMethod method, byte[] content,
                               Compressor compressor) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(compressed)) {
            out.write(content);
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method.getCode());
        entry.setSize(content.length);
        entry.setCompressedSize(compressed.size());
        entry.setCrc(crc.getValue());
        zip.addRawArchiveEntry(entry, new java.io.ByteArrayInputStream(compressed.toByteArray()));
    }

    @Test
    void legacyCp437NamesCommentsAndSelfExtractorStubsAreHandled() throws Exception {
        ExternalTools.require("zip", "unzip");
        Path legacy = dir.resolve("legacy.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(legacy)) {
            zip.setEncoding("Cp437");
            zip.setUseLanguageEncodingFlag(false);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setComment("scanned in 1994");
            zip.putArchiveEntry(new ZipArchiveEntry("Café Über.jpg"));
            zip.write(photo);
            zip.closeArchiveEntry();
        }
        album();
        ExternalTools.shell(dir, "cd album && zip -q -r ../plain.zip photo.jpg notes");
        // A self-extractor: a program stub before the archive, then offsets adjusted (zip -A) or not.
        byte[] stub = TestFiles.bytes(40_000, 3);
        for (String name : List.of("sfx-adjusted.zip", "sfx-raw.zip")) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                out.write(stub);
                out.write(Files.readAllBytes(dir.resolve("plain.zip")));
            }
        }
        ExternalTools.shell(dir, "zip -q -A sfx-adjusted.zip");
        ExternalTools.shell(dir, "zip -q -z plain.zip <<'EOF'\nan archive comment\nEOF");

        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(
                legacy, dir.resolve("plain.zip"), dir.resolve("sfx-adjusted.zip"), dir.resolve("sfx-raw.zip")),
                FileSelection.ALL_FILES)) {
            IndexedEntry cafe = served.entry("legacy.zip", "Café Über.jpg");
            assertArrayEquals(ExternalTools.run(dir, "unzip", "-p", "legacy.zip"), served.data(cafe));
            String json = new String(served.get("/api/" + cafe.hash()).body(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"name\": \"Café Über.jpg\""), "the name decoded as CP437: " + json);
            List<String> names = List.of("notes/icon 1.png", "notes/page.txt", "photo.jpg");
            for (String archive : List.of("plain.zip", "sfx-adjusted.zip", "sfx-raw.zip")) {
                assertServedAsExtracted(served, archive, names, "unzip -p");
            }
        }
    }

    /**
     * ZIP64 records their end record's offset too: behind leading bytes (a stub, a prepended
     * header) it is not where the archive says, and unzip warns, then reads it anyway.
     */
    @Test
    void aZip64ArchiveBehindLeadingBytesIsReadAsUnzipReadsIt() throws Exception {
        ExternalTools.require("zip", "unzip");
        album();
        ExternalTools.shell(dir, "cd album && zip -q -r -fz ../zip64.zip photo.jpg notes");
        ExternalTools.shell(dir, "printf 'thirteen more' | cat - zip64.zip > prepended.zip");
        assertTrue(containsZip64EndRecord(dir.resolve("prepended.zip")));

        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("prepended.zip")), FileSelection.ALL_FILES)) {
            assertEquals(0, served.summary().failed());
            assertServedAsExtracted(served, "prepended.zip", List.of("notes/icon 1.png", "notes/page.txt", "photo.jpg"),
                    "unzip -p");
        }
    }

    /** zip-rs/zip2's tests/data/zip64_demo.zip (14 bytes before a ZIP64 archive), kept in ../shared. */
    @Test
    void zip2sZip64DemoIsReadAsUnzipReadsIt() throws Exception {
        ExternalTools.require("unzip");
        Path demo = Path.of("..", "shared", "testdata", "zip2", "zip64_demo.zip").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(demo), "needs " + demo);
        Path archive = Files.copy(demo, dir.resolve("zip64_demo.zip"));

        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(archive), FileSelection.ALL_FILES)) {
            assertEquals(0, served.summary().failed());
            assertServedAsExtracted(served, "zip64_demo.zip", List.of("-"), "unzip -p");
        }
    }

    @Test
    void zip64ArchiveWithSeventyThousandEntriesIsIndexedWhole() throws Exception {
        ExternalTools.require("unzip");
        int count = 70_000;
        Path archive = dir.resolve("big.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.setMethod(ZipOutputStream.DEFLATED);
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("scans/" + i + ".jpg"));
                zip.write(("scan number " + i).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertTrue(containsZip64EndRecord(archive), "more than 65,535 entries need ZIP64");

        try (ServedIndex served = ServedIndex.of(dir.resolve("db"), List.of(archive), FileSelection.ALL_FILES)) {
            assertEquals(count, served.total());
            assertEquals("scans/0.jpg", served.at(1).path());
            assertEquals("scans/69999.jpg", served.at(count).path());
            for (int position = 1; position <= count; position += 6_999) {
                IndexedEntry entry = served.at(position);
                assertArrayEquals(ExternalTools.run(dir, "unzip", "-p", "big.zip", entry.path()), served.data(entry));
            }
        }
    }

    private static boolean containsZip64EndRecord(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length - 22; i >= Math.max(0, bytes.length - 200); i--) {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x06 && bytes[i + 3] == 0x06) {
                return true;
            }
        }
        return false;
    }
}
