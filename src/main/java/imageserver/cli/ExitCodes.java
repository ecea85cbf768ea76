package imageserver.cli;

/** The exit statuses of image-server. */
final class ExitCodes {
    static final int OK = 0;
    /** Some source or file could not be processed; the rest was. */
    static final int PARTIAL_FAILURE = 1;
    /** The command line itself is wrong (picocli's own usage status). */
    static final int USAGE = 2;
    /** The command could not run at all (the index cannot be opened, the port is taken...). */
    static final int FAILURE = 3;

    private ExitCodes() {
    }
}
