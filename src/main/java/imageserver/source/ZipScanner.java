package imageserver.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Lists the servable entries of a ZIP/CBZ archive with what serving needs (data offset,
 * method, sizes, CRC), so that requests never read the central directory again.
 * Names without the UTF-8 flag are decoded as CP437, as the ZIP specification says.
 */
public final class ZipScanner {
    private static final String LEGACY_NAME_CHARSET = "Cp437";

    public SourceScan scan(Path archive) throws ScanException {
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new BufferedReadChannel(FileChannel.open(archive, StandardOpenOption.READ)))
                .setCharset(LEGACY_NAME_CHARSET)
                .setUseUnicodeExtraFields(true)
                .get()) {
            return list(zip);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScanException("no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ScanException("permission denied", e);
        } catch (IOException | RuntimeException e) {
            // commons-compress reports corrupt and truncated archives with several exception types.
            throw new ScanException("not a readable ZIP archive (" + e.getMessage() + ")", e);
        }
    }

    private static SourceScan list(ZipFile zip) {
        List<ScannedFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Fingerprint fingerprint = new Fingerprint();
        int skipped = 0;
        for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
            ZipArchiveEntry entry = e.nextElement();
            String name = entryName(entry);
            if (!isServable(entry) || name.isEmpty() || !names.add(name)) {
                skipped++;
                continue;
            }
            long mtime = Math.max(0, entry.getTime());
            ScannedFile.Storage storage = new ScannedFile.Storage(
                    entry.getMethod(), entry.getDataOffset(), entry.getCompressedSize(), entry.getCrc());
            files.add(new ScannedFile(name, entry.getSize(), mtime, storage));
            fingerprint.add(name, entry.getSize(), mtime, storage);
        }
        return new SourceScan(files, skipped, fingerprint.value());
    }

    private static boolean isServable(ZipArchiveEntry entry) {
        return !entry.isDirectory()
                && !entry.isUnixSymlink()
                && !entry.getGeneralPurposeBit().usesEncryption()
                && !entry.getGeneralPurposeBit().usesStrongEncryption()
                && ZipMethods.isServable(entry.getMethod())
                && entry.getSize() >= 0
                && entry.getDataOffset() >= 0;
    }

    /** The entry's path with '/' separators and no leading '/'. */
    static String entryName(ZipArchiveEntry entry) {
        String name = entry.getName().replace('\\', '/');
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        return name.substring(start);
    }
}
