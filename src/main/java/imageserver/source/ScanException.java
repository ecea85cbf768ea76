package imageserver.source;

import java.io.IOException;

/** A source that cannot be read as a whole; the message names the reason, not a stack trace. */
public class ScanException extends IOException {
    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
