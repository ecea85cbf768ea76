package imageserver.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import imageserver.index.SourceRecord;

/**
 * Sources that would put a file in the index twice: one inside another, whether both are named
 * now or one is already indexed. The message names both and says what to do.
 */
final class SourceOverlaps {
    private SourceOverlaps() {
    }

    /** The first overlap among {@code requested} and against {@code known}, as a message; empty if none. */
    static Optional<String> find(List<Path> requested, List<SourceRecord> known) {
        for (int i = 0; i < requested.size(); i++) {
            Path source = requested.get(i);
            for (SourceRecord record : known) {
                Path other = Path.of(record.path());
                if (isInside(source, other)) {
                    return Optional.of(source + " is inside " + other + ", which the index already holds, so its files"
                            + " are indexed already; to index it on its own, first: image-server remove " + other);
                }
                if (isInside(other, source)) {
                    return Optional.of(source + " contains " + other + ", which the index already holds on its own;"
                            + " to index " + source + " as one source, first: image-server remove " + other);
                }
            }
            for (Path other : requested.subList(i + 1, requested.size())) {
                if (isInside(source, other) || isInside(other, source)) {
                    Path inner = isInside(source, other) ? source : other;
                    Path outer = inner == source ? other : source;
                    return Optional.of(inner + " is inside " + outer + ": name only one of them");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} lies strictly below {@code folder}. */
    private static boolean isInside(Path path, Path folder) {
        return path.startsWith(folder) && !path.equals(folder);
    }
}
