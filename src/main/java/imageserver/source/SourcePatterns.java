package imageserver.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the SOURCE arguments of the command line into absolute, normalised source paths.
 * An argument is taken literally when no glob character is in it; otherwise it is a glob
 * ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, and {@code **} for zero or more
 * folders) that the shell did not expand, matched against folders and ZIP/CBZ archives.
 */
public final class SourcePatterns {
    private final Path workingDirectory;

    public SourcePatterns(Path workingDirectory) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** How one argument resolved: the sources it names, or why it names none. */
    public record Resolution(String argument, List<Path> sources, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    public Resolution resolve(String argument) {
        if (!isPattern(argument) || Files.exists(absolute(argument))) {
            return new Resolution(argument, List.of(absolute(argument)), null);
        }
        try {
            List<Path> matches = expand(argument);
            return matches.isEmpty()
                    ? new Resolution(argument, List.of(), "pattern matches no folder or ZIP archive")
                    : new Resolution(argument, matches, null);
        } catch (IllegalArgumentException e) {
            return new Resolution(argument, List.of(), "invalid pattern (" + e.getMessage() + ")");
        } catch (IOException | UncheckedIOException e) {
            return new Resolution(argument, List.of(), "cannot list folders (" + e.getMessage() + ")");
        }
    }

    public Path absolute(String argument) {
        return workingDirectory.resolve(argument).toAbsolutePath().normalize();
    }

    static boolean isPattern(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private List<Path> expand(String argument) throws IOException {
        String pattern = absolute(argument).toString();
        Path base = literalPrefix(pattern);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = matcher(argument);
        int depth = pattern.contains("**") ? Integer.MAX_VALUE
                : Path.of(pattern).getNameCount() - base.getNameCount();
        TreeSet<Path> matches = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            walk.filter(matcher::matches)
                    .filter(p -> SourceKind.of(p).isPresent())
                    .forEach(matches::add);
        }
        return withoutNestedFolders(matches);
    }

    /** A matcher of absolute paths for a glob argument, where {@code **} also matches zero folders. */
    public PathMatcher matcher(String argument) {
        return FileSystems.getDefault().getPathMatcher("glob:" + zeroOrMoreFolders(absolute(argument).toString()));
    }

    /** The longest leading run of path segments that holds no glob character. */
    private static Path literalPrefix(String pattern) {
        Path path = Path.of(pattern);
        Path prefix = path.getRoot();
        for (Path segment : path) {
            if (isPattern(segment.toString())) {
                break;
            }
            prefix = prefix.resolve(segment);
        }
        return prefix;
    }

    /** Java's {@code **} needs at least one folder between slashes; the contract says zero or more. */
    private static String zeroOrMoreFolders(String pattern) {
        return pattern.replace("/**/", "/{**/,}");
    }

    /** A folder matched inside another matched folder would index its files twice. */
    private static List<Path> withoutNestedFolders(TreeSet<Path> matches) {
        List<Path> kept = new ArrayList<>();
        for (Path match : matches) {
            boolean nested = kept.stream().anyMatch(k -> !k.equals(match) && match.startsWith(k) && Files.isDirectory(k));
            if (!nested) {
                kept.add(match);
            }
        }
        return kept;
    }
}
