package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import imageserver.index.IndexSummary;

/** Progress lines off a terminal, on a clock the test moves. */
class ConsoleProgressTest {
    private final StringWriter err = new StringWriter();
    private final AtomicLong nanoTime = new AtomicLong(1_000);
    private final ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err, true), false, false, nanoTime::get);

    private void after(int seconds) {
        nanoTime.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    private static IndexSummary summary(int sources) {
        return new IndexSummary(sources, 30, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(8));
    }

    @Test
    void theLastProgressLineAgreesWithTheSummary() {
        progress.started(2);
        after(6);
        progress.sourceDone(Path.of("/a.zip"), 10);
        after(1);
        progress.sourceDone(Path.of("/b.zip"), 20);
        progress.finished(summary(2));

        assertEquals(List.of("indexing: 1/2 sources, 10 files, 6.0 s", "indexing: 2/2 sources, 30 files, 7.0 s"),
                err.toString().lines().toList());
    }

    @Test
    void aQuickRunPrintsNoProgressLine() {
        progress.started(2);
        progress.sourceDone(Path.of("/a.zip"), 10);
        progress.sourceDone(Path.of("/b.zip"), 20);
        progress.finished(summary(2));

        assertEquals("", err.toString());
    }

    @Test
    void aFailureIsNamedWithItsStackTraceOnlyWhenVerbose() {
        StringWriter verboseErr = new StringWriter();
        ConsoleProgress verbose = new ConsoleProgress(new PrintWriter(verboseErr, true), false, true, nanoTime::get);
        Exception cause = new java.io.IOException("the disk said no");

        progress.sourceFailed(Path.of("/c.zip"), "cannot be read: the disk said no", cause);
        verbose.sourceFailed(Path.of("/c.zip"), "cannot be read: the disk said no", cause);

        assertEquals("image-server: /c.zip: cannot be read: the disk said no" + System.lineSeparator(), err.toString());
        assertTrue(verboseErr.toString().startsWith(err.toString() + "java.io.IOException: the disk said no"), verboseErr.toString());
        assertTrue(verboseErr.toString().contains("\tat imageserver.cli.ConsoleProgressTest"), verboseErr.toString());
    }
}
