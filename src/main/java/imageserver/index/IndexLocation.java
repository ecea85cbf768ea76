package imageserver.index;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the index lives: an H2 file on this machine (the default), or a database on a PostgreSQL
 * server that several machines can share, named by its JDBC URL.
 */
public sealed interface IndexLocation {
    /** The environment variable naming the index when {@code --db} does not. */
    String VARIABLE = "IMAGE_SERVER_DB";

    /** An H2 file, named with its {@code .mv.db} suffix. */
    record H2File(Path file) implements IndexLocation {
        private static final String SUFFIX = ".mv.db";

        /** The file at {@code location}, which may name it with or without its suffix. */
        public static H2File at(Path location) {
            Path absolute = location.toAbsolutePath().normalize();
            return new H2File(absolute.toString().endsWith(SUFFIX) ? absolute
                    : absolute.resolveSibling(absolute.getFileName() + SUFFIX));
        }

        /** The file's path without its suffix, as H2's URLs name it. */
        String base() {
            String name = file.toString();
            return name.substring(0, name.length() - SUFFIX.length());
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * A PostgreSQL database, {@code jdbc:postgresql://host:port/database?user=...}. Its password
     * comes from the URL, else {@code PGPASSWORD}, else {@code ~/.pgpass} (read by the driver);
     * it is never shown: {@link #describe} leaves it out.
     */
    record Postgres(String url) implements IndexLocation {
        static final String PREFIX = "jdbc:postgresql:";
        private static final Pattern PASSWORD = Pattern.compile("(?i)([?&])password=[^&]*&?");

        /** The password the URL holds, if any. */
        Optional<String> passwordInUrl() {
            Properties parsed = org.postgresql.Driver.parseURL(url, null);
            return parsed == null ? Optional.empty() : Optional.ofNullable(parsed.getProperty("password"));
        }

        @Override
        public String describe() {
            String shown = PASSWORD.matcher(url).replaceAll("$1");
            return shown.endsWith("?") || shown.endsWith("&") ? shown.substring(0, shown.length() - 1) : shown;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The URL or file as the user may be shown it: never with a password. */
    String describe();

    /** What {@link #parse} reads back as this location, password included: for a child process's environment, never for display. */
    default String value() {
        return switch (this) {
            case H2File h2 -> h2.file().toString();
            case Postgres server -> server.url();
        };
    }

    /**
     * What {@code --db} or {@code IMAGE_SERVER_DB} names: a {@code jdbc:postgresql:} URL, else a
     * file path (the {@code .mv.db} suffix optional).
     *
     * @throws IllegalArgumentException for a JDBC URL of another database, or a malformed one
     */
    static IndexLocation parse(String text) {
        if (text.startsWith(Postgres.PREFIX)) {
            if (org.postgresql.Driver.parseURL(text, null) == null) {
                throw new IllegalArgumentException("not a PostgreSQL URL the driver understands: "
                        + new Postgres(text).describe() + " (expected jdbc:postgresql://host:5432/database?user=name)");
            }
            return new Postgres(text);
        }
        if (text.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the index is an H2 file or a PostgreSQL database"
                    + " (jdbc:postgresql://host:5432/database?user=name), not " + text.replaceAll("(?i)password=[^&;]*", "password=…"));
        }
        return H2File.at(Path.of(text));
    }
}
