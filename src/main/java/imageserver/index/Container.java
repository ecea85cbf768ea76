package imageserver.index;

/**
 * A folder or archive of a source as the containers table holds it ({@code V8__containers.sql}
 * in db/h2 and db/postgresql): the files under it at any depth are the ranks {@code firstRank}
 * to {@code firstRank + entryCount - 1} of its source's files in natural order.
 *
 * @param path        inside the source, '/'-separated; {@code ""} for the source itself
 * @param parent      the path of the folder that holds it; null for the source itself
 * @param files       files directly in it (not in its sub-folders or archives)
 * @param filesBefore files directly in its parent that come before it
 */
record Container(String path, String parent, Kind kind, long hashKey, int firstRank, int entryCount, int files,
                 int filesBefore) {

    enum Kind { FOLDER, ARCHIVE }

    /** The name it is shown by: its last path segment; the source's own name for the source itself. */
    String name(String sourcePath) {
        return path.isEmpty() ? java.nio.file.Path.of(sourcePath).getFileName().toString()
                : path.substring(path.lastIndexOf('/') + 1);
    }
}
