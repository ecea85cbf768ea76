package imageserver.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** H2's trace file beside an index ({@code INDEX.trace.db}), where H2 logs what went wrong inside it. */
public final class H2Trace {
    private H2Trace() {
    }

    /** Fails if H2 logged an exception for the index at {@code index} (given without its suffix), saying {@code when}. */
    public static void assertNoErrors(Path index, String when) throws IOException {
        Path trace = index.resolveSibling(index.getFileName() + ".trace.db");
        if (Files.exists(trace)) {
            String logged = Files.readString(trace);
            assertFalse(logged.contains("Exception"), () -> "H2 logged errors " + when + " in " + trace + ": " + logged);
        }
    }
}
