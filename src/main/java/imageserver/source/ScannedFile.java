package imageserver.source;

/**
 * One servable file found by a scan.
 *
 * @param path     path inside the source, '/'-separated, no leading '/'
 * @param size     uncompressed size in bytes
 * @param mtime    modification time, epoch milliseconds
 * @param storage  where the bytes are inside an archive; {@link Storage#NONE} for plain files
 */
public record ScannedFile(String path, long size, long mtime, Storage storage) {

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
