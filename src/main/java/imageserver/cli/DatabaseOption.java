package imageserver.cli;

import java.nio.file.Path;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexLocation;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --db} option shared by every command that opens the index. */
final class DatabaseOption {
    /** Names the index when {@code --db} does not. */
    static final String VARIABLE = "IMAGE_SERVER_DB";

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = {"The index: an H2 database file (the .mv.db suffix is optional), or a PostgreSQL",
                    "database shared by several servers: jdbc:postgresql://host:5432/db?user=name",
                    "(password from PGPASSWORD or ~/.pgpass). Default: $IMAGE_SERVER_DB, else",
                    "$XDG_DATA_HOME/image-server/index, else",
                    "~/.local/share/image-server/index."})
    String db;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Opens the index this option names. */
    IndexDatabase open() throws IndexException {
        return IndexDatabase.open(location());
    }

    IndexLocation location() {
        String fromEnv = System.getenv(VARIABLE);
        String named = db != null ? db : fromEnv != null && !fromEnv.isBlank() ? fromEnv : null;
        if (named == null) {
            return IndexLocation.H2File.at(defaultFile());
        }
        try {
            return IndexLocation.parse(named);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    (db != null ? "--db: " : VARIABLE + ": ") + e.getMessage());
        }
    }

    private static Path defaultFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return dataHome.resolve("image-server").resolve("index");
    }
}
