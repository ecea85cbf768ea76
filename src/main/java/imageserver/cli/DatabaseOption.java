package imageserver.cli;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexLocation;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --db} option shared by every command that opens the index. */
final class DatabaseOption {
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
        String fromEnv = System.getenv(IndexLocation.VARIABLE);
        String named = db != null ? db : fromEnv != null && !fromEnv.isBlank() ? fromEnv : null;
        if (named == null) {
            return IndexLocation.H2File.at(UserFolders.data().resolve("index"));
        }
        try {
            return IndexLocation.parse(named);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    (db != null ? "--db: " : IndexLocation.VARIABLE + ": ") + e.getMessage());
        }
    }
}
