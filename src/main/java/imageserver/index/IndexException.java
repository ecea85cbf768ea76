package imageserver.index;

/** The index cannot be opened or written; the message is meant for the user. */
public class IndexException extends Exception {
    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
