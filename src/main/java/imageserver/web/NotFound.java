package imageserver.web;

/** Nothing to answer with at this address; the message is for the log, never for the client. */
final class NotFound extends RuntimeException {
    NotFound(String message) {
        super(message, null, false, false);
    }
}
