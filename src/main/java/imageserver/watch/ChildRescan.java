package imageserver.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import imageserver.index.IndexLocation;

/**
 * A rescan run by {@code image-server index} in a process of its own, for sources too large to
 * rescan within serve's heap: the child holds the listing of a whole source, with the memory
 * {@code index} gets, and gives it back when it exits. It reaches the index through the server
 * H2 runs for the file, like any {@code index} run beside {@code serve}.
 */
final class ChildRescan {
    /** Set by the launcher for serve: the launcher's own path. */
    static final String LAUNCHER_VARIABLE = "IMAGE_SERVER_LAUNCHER";
    /** What a summary line says when a run changed nothing ({@code IndexSummary.line()}). */
    private static final String NO_CHANGE = "added: 0, updated: 0, removed: 0,";

    private final Path launcher;
    private final IndexLocation index;

    ChildRescan(Path launcher, IndexLocation index) {
        this.launcher = launcher;
        this.index = index;
    }

    /** Rescans by the launcher this JVM was started by, if it was. */
    static Optional<ChildRescan> fromEnvironment(IndexLocation index) {
        String launcher = System.getenv(LAUNCHER_VARIABLE);
        return launcher == null || launcher.isBlank() || !Files.isExecutable(Path.of(launcher)) ? Optional.empty()
                : Optional.of(new ChildRescan(Path.of(launcher), index));
    }

    Path launcher() {
        return launcher;
    }

    /**
     * How a child's rescan ended.
     *
     * @param status  its exit status (1: some source failed, and was named)
     * @param summary its summary line, or null if it printed none
     */
    record Outcome(int status, String summary) {
        boolean changed() {
            return summary != null && !summary.contains(NO_CHANGE);
        }
    }

    /**
     * Rescans {@code sources} in a child process and waits for it; the lines in which it names a
     * source that failed go to {@code failures}. The child is stopped if this JVM exits first.
     */
    Outcome run(List<Path> sources, Consumer<String> failures) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "index", "--known-only"));
        sources.forEach(source -> command.add(source.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // In its environment, not its arguments, which any user of the machine can list: a URL may hold a password.
        builder.environment().put(IndexLocation.VARIABLE, index.value());
        Process process = builder.start();
        Thread stop = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            String summary = null;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("sources: ")) {
                        summary = line;
                    } else if (line.startsWith("image-server: ")) {
                        failures.accept(line);
                    }
                }
            }
            return new Outcome(process.waitFor(), summary);
        } finally {
            process.destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook runs, or ran, anyway
            }
        }
    }
}
