package imageserver.cli;

import java.nio.file.Path;

/** image-server's folders in the user's home, as the XDG base directories name them. */
final class UserFolders {
    private UserFolders() {
    }

    /** $XDG_DATA_HOME/image-server, else ~/.local/share/image-server: the default index lives here. */
    static Path data() {
        return base("XDG_DATA_HOME", ".local", "share");
    }

    /** $XDG_CACHE_HOME/image-server, else ~/.cache/image-server: what can be made again, such as thumbnails. */
    static Path cache() {
        return base("XDG_CACHE_HOME", ".cache");
    }

    private static Path base(String variable, String... underHome) {
        String named = System.getenv(variable);
        Path base = named != null && !named.isBlank() ? Path.of(named) : Path.of(System.getProperty("user.home"), underHome);
        return base.resolve("image-server");
    }
}
