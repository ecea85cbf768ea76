package imageserver.index;

import java.util.List;

/**
 * Where this machine finds the sources the index names, when it mounts them elsewhere than the
 * machine that indexed them ({@code serve --path-map /srv/photos=/mnt/nas/photos}). The index
 * keeps the paths it was given: hashes, order and answers stay the same on every machine.
 */
public record PathMap(List<Mapping> mappings) {
    public static final PathMap NONE = new PathMap(List.of());

    /** The folder {@code from} (and all under it) is found at {@code to} here. Both absolute. */
    public record Mapping(String from, String to) {
    }

    public PathMap {
        mappings = List.copyOf(mappings);
    }

    /** Where a source path of the index is found here: the first mapping of a folder holding it, else the path itself. */
    public String apply(String sourcePath) {
        for (Mapping m : mappings) {
            if (sourcePath.equals(m.from())) {
                return m.to();
            }
            if (sourcePath.startsWith(m.from()) && (m.from().endsWith("/") || sourcePath.charAt(m.from().length()) == '/')) {
                String rest = sourcePath.substring(m.from().length());
                return m.to().endsWith("/") && rest.startsWith("/") ? m.to() + rest.substring(1) : m.to() + rest;
            }
        }
        return sourcePath;
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }
}
