package imageserver.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;

import imageserver.index.IndexListener;
import imageserver.index.IndexSummary;

/**
 * Shows indexing progress on stderr: a live bar redrawn in place on a terminal, a line every
 * few seconds otherwise (logs, pipes, CI). Failed sources are always reported by name.
 */
final class ConsoleProgress implements IndexListener {
    private static final long BAR_REFRESH_NANOS = 100_000_000L;
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean live;
    private final long startNanos = System.nanoTime();
    private int total;
    private int done;
    private long entries;
    private long lastDrawNanos;
    private boolean barShown;

    ConsoleProgress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    /** Whether this JVM's console is an interactive terminal. */
    static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from Java 22; before it, a console means a terminal.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void started(int sources) {
        total = sources;
    }

    @Override
    public synchronized void sourceDone(Path source, long sourceEntries) {
        done++;
        entries += sourceEntries;
        long now = System.nanoTime();
        if (live && now - lastDrawNanos >= BAR_REFRESH_NANOS) {
            drawBar();
            lastDrawNanos = now;
        } else if (!live && now - lastDrawNanos >= LINE_INTERVAL_NANOS) {
            err.printf("indexing: %d/%d sources, %d files, %.1f s%n", done, total, entries, seconds(now));
            err.flush();
            lastDrawNanos = now;
        }
    }

    @Override
    public synchronized void sourceFailed(Path source, String reason) {
        done++;
        clearBar();
        err.println("image-server: " + source + ": " + reason);
        err.flush();
    }

    @Override
    public synchronized void finished(IndexSummary summary) {
        clearBar();
    }

    private void drawBar() {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + done + "/" + total + " sources, " + entries + " files");
        err.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r\033[K");
            err.flush();
            barShown = false;
        }
    }

    private double seconds(long now) {
        return (now - startNanos) / 1e9;
    }
}
