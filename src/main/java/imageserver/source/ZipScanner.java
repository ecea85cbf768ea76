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
 * Names without the UTF-8 flag are decoded as CP437, as the ZIP specification says. An archive
 * behind some leading bytes, which Info-ZIP reads with a warning, is read too (see {@link ZipEnd}).
 */
public final class ZipScanner {
    private static final String LEGACY_NAME_CHARSET = "Cp437";
    private static final String DAMAGED = "not a readable ZIP archive: its central directory is damaged";

    /** The entries of an archive that is a source itself. */
    public SourceScan scan(Path archive, FileSelection selection) throws ScanException {
        return scan(archive, selection, null);
    }

    /**
     * The entries of an archive; {@code inFolder} is its path inside the folder source that holds
     * it (the start of each entry's path), or null when the archive is the source.
     */
    public SourceScan scan(Path archive, FileSelection selection, String inFolder) throws ScanException {
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.READ)) {
            try {
                return list(file, 0, selection, inFolder);
            } catch (IOException | RuntimeException e) {
                // commons-compress reports a corrupt or truncated archive with several exception types.
                ZipEnd end = ZipEnd.of(file);
                if (!end.found()) {
                    throw new ScanException("not a readable ZIP archive: it has no end-of-central-directory record (cut short, or not a ZIP)", e);
                }
                if (end.leadingBytes() == 0) {
                    throw new ScanException(DAMAGED, e);
                }
                try {
                    return list(file, end.leadingBytes(), selection, inFolder);
                } catch (IOException | RuntimeException again) {
                    again.addSuppressed(e);
                    throw new ScanException(DAMAGED, again);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScanException("no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ScanException("permission denied", e);
        } catch (ScanException e) {
            throw e;
        } catch (IOException e) {
            throw new ScanException("cannot be read: " + e.getMessage(), e);
        }
    }

    /** The servable entries of the archive that starts {@code start} bytes into the file. */
    private static SourceScan list(FileChannel file, long start, FileSelection selection, String inFolder)
            throws IOException {
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new BufferedReadChannel(file, start))
                .setCharset(LEGACY_NAME_CHARSET)
                .setUseUnicodeExtraFields(true)
                .get()) {
            return list(zip, start, selection, inFolder);
        }
    }

    private static SourceScan list(ZipFile zip, long start, FileSelection selection, String inFolder) {
        String prefix = inFolder == null ? "" : inFolder + "/";
        List<ScannedFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Fingerprint fingerprint = new Fingerprint();
        int skipped = 0;
        int leftOut = 0;
        for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
            ZipArchiveEntry entry = e.nextElement();
            String name = entryName(entry);
            if (!isServable(entry) || name.isEmpty() || !names.add(name)) {
                skipped++;
                continue;
            }
            if (!selection.takes(name)) {
                leftOut++;
                continue;
            }
            long mtime = Math.max(0, entry.getTime());
            ScannedFile.Storage storage = new ScannedFile.Storage(
                    entry.getMethod(), start + entry.getDataOffset(), entry.getCompressedSize(), entry.getCrc());
            files.add(new ScannedFile(inFolder == null ? name : prefix + name, entry.getSize(), mtime, storage, inFolder));
            fingerprint.add(name, entry.getSize(), mtime, storage);
        }
        return new SourceScan(files, skipped, leftOut, fingerprint.value());
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
