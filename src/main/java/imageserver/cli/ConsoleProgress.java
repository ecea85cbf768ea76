package imageserver.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import imageserver.index.IndexListener;
import imageserver.index.IndexSummary;

/**
 * Shows indexing progress on stderr: a live bar redrawn in place on a terminal, a line every
 * few seconds otherwise (logs, pipes, CI), and then a last line with the final counts, so that the
 * last progress line agrees with the summary. Failed sources are always reported by name, with the
 * stack trace behind them when {@code --verbose} asks for it.
 */
final class ConsoleProgress implements IndexListener {
    private static final long BAR_REFRESH_NANOS = 100_000_000L;
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean live;
    private final FailureLines failures;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private int total;
    private int done;
    private long entries;
    private long lastDrawNanos;
    private boolean barShown;
    private boolean linesShown;

    ConsoleProgress(PrintWriter err, boolean live, boolean verbose, LongSupplier nanoTime) {
        this.err = err;
        this.live = live;
        this.failures = new FailureLines(err, verbose);
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos;
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
        long now = nanoTime.getAsLong();
        if (live && now - lastDrawNanos >= BAR_REFRESH_NANOS) {
            drawBar();
            lastDrawNanos = now;
        } else if (!live && now - lastDrawNanos >= LINE_INTERVAL_NANOS) {
            printLine(now);
            lastDrawNanos = now;
        }
    }

    @Override
    public synchronized void sourceFailed(Path source, String reason, Throwable cause) {
        done++;
        clearBar();
        failures.sourceFailed(source, reason, cause);
    }

    @Override
    public synchronized void finished(IndexSummary summary) {
        clearBar();
        if (linesShown) {
            printLine(nanoTime.getAsLong());
        }
    }

    private void printLine(long now) {
        err.printf("indexing: %d/%d sources, %d files, %.1f s%n", done, total, entries, (now - startNanos) / 1e9);
        err.flush();
        linesShown = true;
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
}
