package imageserver.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".cbz");
    }
}
