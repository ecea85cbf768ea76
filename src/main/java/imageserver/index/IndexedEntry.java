package imageserver.index;

import imageserver.source.ScannedFile;
import imageserver.source.SourceKind;

/**
 * An entry found by the reader, with everything a route needs to answer for it.
 *
 * @param hash       the public address, 64 lowercase hex characters
 * @param position   1-based place in natural order across the whole index
 * @param sourcePath absolute path of the folder or archive that holds it, as the index names it
 * @param sourceHere where this machine finds that folder or archive (see {@link PathMap})
 * @param archive    path inside the folder source of the archive that holds it; null for a plain
 *                   file and an entry of an archive that is the source
 * @param archiveSize  size of the archive that holds it (the source or one inside it) when it was
 *                     indexed; 0 for a plain file
 * @param archiveMtime mtime of that archive when it was indexed; 0 for a plain file
 * @param path       path inside the source, '/'-separated (inside a folder's archive: the
 *                   archive's path, '/' and the entry's path)
 */
public record IndexedEntry(
        String hash,
        long position,
        String sourcePath,
        String sourceHere,
        SourceKind sourceKind,
        String archive,
        long archiveSize,
        long archiveMtime,
        String path,
        String mime,
        long size,
        long mtime,
        ScannedFile.Storage storage) {

    /**
     * Where it is, as a person names it: the folder or archive that holds it, from its source's
     * own name, never a full filesystem path ({@code Comics/Akira 01.cbz}), '/'-separated.
     */
    public String container() {
        String source = java.nio.file.Path.of(sourcePath).getFileName().toString();
        String inside = containerPath();
        return inside.isEmpty() ? source : source + "/" + inside;
    }

    /**
     * The path inside the source of the folder or archive that holds it ({@code ""}: the source
     * itself). An archive is flat: an entry in a folder inside it is held by the archive.
     */
    public String containerPath() {
        if (sourceKind == SourceKind.ZIP) {
            return "";
        }
        if (archive != null) {
            return archive;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Its own name, without the folders or archive it is in. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether the bytes are an entry of an archive (the source, or one inside a folder source). */
    public boolean isArchived() {
        return storage.isArchived();
    }
}
