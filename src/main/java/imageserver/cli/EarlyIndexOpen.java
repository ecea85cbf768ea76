package imageserver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

/**
 * Opens the index on a second thread while picocli builds and parses the command line: each
 * took about a third of a one-second {@code serve} launch. The location is read from the raw
 * arguments, so it is only a guess: only a file that already exists is opened (a wrong guess
 * must never create one), and a command takes the early index only if its parsed {@code --db}
 * names the same file. Otherwise the early index is closed and the command opens its own.
 */
final class EarlyIndexOpen {
    static final EarlyIndexOpen NONE = new EarlyIndexOpen(null, null);

    private final Path file;
    private final FutureTask<IndexDatabase> opening;
    private boolean settled;

    private EarlyIndexOpen(Path file, FutureTask<IndexDatabase> opening) {
        this.file = file;
        this.opening = opening;
        this.settled = opening == null;
    }

    /** Begins opening the index that {@code --db} in {@code args} (else the default) names, if it exists. */
    static EarlyIndexOpen begin(String... args) {
        Path location = dbArgument(args);
        Path file = IndexDatabase.fileOf(location != null ? location : DatabaseOption.defaultLocation());
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        FutureTask<IndexDatabase> opening = new FutureTask<>(() -> IndexDatabase.open(file));
        Thread.ofPlatform().daemon().name("early-open").start(opening);
        return new EarlyIndexOpen(file, opening);
    }

    /** The value of the last {@code --db} option before any {@code --}, as picocli would read it. */
    private static Path dbArgument(String... args) {
        String value = null;
        for (int i = 0; i < args.length && !"--".equals(args[i]); i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--db=")) {
                value = args[i].substring("--db=".length());
            }
        }
        try {
            return value == null ? null : Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The index at {@code location}: the early one if it is that file, else one opened now. */
    synchronized IndexDatabase open(Path location) throws IndexException {
        if (!settled && IndexDatabase.fileOf(location).equals(file)) {
            settled = true;
            return result();
        }
        discardUnclaimed();
        return IndexDatabase.open(location);
    }

    /** Closes the early index if no command took it (--help, a flag in error, another --db). */
    synchronized void discardUnclaimed() {
        if (!settled) {
            settled = true;
            try {
                result().close();
            } catch (IndexException ignored) {
                // Nobody asked for this index; the command reports its own errors.
            }
        }
    }

    private IndexDatabase result() throws IndexException {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("interrupted while opening the index " + file, e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IndexException failure -> throw failure;
                case RuntimeException failure -> throw failure;
                case Error failure -> throw failure;
                default -> throw new IndexException("cannot open the index " + file + ": " + e.getCause(), e.getCause());
            }
        }
    }
}
