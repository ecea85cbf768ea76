package imageserver.source;

/**
 * One servable file found by a scan.
 *
 * @param path     path inside the source, '/'-separated, no leading '/'; for an entry of an
 *                 archive inside a folder, the archive's path, '/' and the entry's path
 * @param size     uncompressed size in bytes
 * @param mtime    modification time, epoch milliseconds
 * @param storage  where the bytes are inside an archive; {@link Storage#NONE} for plain files
 * @param archive  the path inside the source of the archive that holds this entry, when the
 *                 source is a folder; null for a plain file and an entry of an archive source
 */
public record ScannedFile(String path, long size, long mtime, Storage storage, String archive) {

    /** A plain file, or an entry of an archive that is the source itself. */
    public ScannedFile(String path, long size, long mtime, Storage storage) {
        this(path, size, mtime, storage, null);
    }

    /** The entry's path inside its archive, or the path inside the source when no archive inside it holds it. */
    public String pathInArchive() {
        return archive == null ? path : path.substring(archive.length() + 1);
    }

    /**
     * What serving a ZIP entry needs, recorded at index time so that no central directory is
     * read per request.
     *
     * @param method          ZIP compression method (0 stored, 8 deflated, ...)
     * @param dataOffset      offset of the entry's (compressed) data in the archive file
     * @param compressedSize  number of bytes at dataOffset
     * @param crc             CRC-32 of the uncompressed data
     */
    public record Storage(int method, long dataOffset, long compressedSize, long crc) {
        public static final Storage NONE = new Storage(-1, -1, -1, -1);

        public boolean isArchived() {
            return method >= 0;
        }
    }
}
