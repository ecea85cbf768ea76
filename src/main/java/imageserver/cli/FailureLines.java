package imageserver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import imageserver.index.IndexListener;

/** Reports each source that could not be read by name, with the stack trace behind it under --verbose. */
final class FailureLines implements IndexListener {
    private final PrintWriter err;
    private final boolean verbose;

    FailureLines(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void sourceFailed(Path source, String reason, Throwable cause) {
        synchronized (err) {
            err.println("image-server: " + source + ": " + reason);
            if (verbose && cause != null) {
                cause.printStackTrace(err);
            }
            err.flush();
        }
    }
}
