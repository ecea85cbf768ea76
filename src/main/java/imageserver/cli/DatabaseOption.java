package imageserver.cli;

import java.nio.file.Path;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that opens the index. */
final class DatabaseOption {
    @Option(names = "--db", paramLabel = "PATH",
            description = {"The index database file (the .mv.db suffix is optional).",
                    "Default: $IMAGE_SERVER_DB, else",
                    "$XDG_DATA_HOME/image-server/index, else",
                    "~/.local/share/image-server/index."})
    Path db;

    /** Opens the index this option names. */
    IndexDatabase open() throws IndexException {
        return IndexDatabase.open(location());
    }

    Path location() {
        return db != null ? db : defaultLocation();
    }

    static Path defaultLocation() {
        String fromEnv = System.getenv("IMAGE_SERVER_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return dataHome.resolve("image-server").resolve("index");
    }
}
