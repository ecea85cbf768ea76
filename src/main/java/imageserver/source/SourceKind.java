package imageserver.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a source is: a folder walked recursively, or a ZIP/CBZ archive. */
public enum SourceKind {
    DIRECTORY,
    ZIP;

    /** The kind of an existing path, or empty when it is neither a folder nor a ZIP/CBZ file. */
    public static Optional<SourceKind> of(Path path) {
        if (Files.isDirectory(path)) {
            return Optional.of(DIRECTORY);
        }
        if (Files.isRegularFile(path) && isArchiveName(path)) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }

    public static boolean isArchiveName(Path path) {
        return path.getFileName() != null && isArchiveName(path.getFileName().toString());
    }

    public static boolean isArchiveName(String name) {
        return name.regionMatches(true, name.length() - 4, ".zip", 0, 4)
                || name.regionMatches(true, name.length() - 4, ".cbz", 0, 4);
    }
}
