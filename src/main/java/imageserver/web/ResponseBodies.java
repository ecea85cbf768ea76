package imageserver.web;

import java.io.IOException;
import java.io.OutputStream;

import io.helidon.webserver.http.ServerResponse;

/**
 * Sends a body held in an array without Helidon copying it: {@code ServerResponse.send(byte[])}
 * (Helidon 4.5) allocates an array for the headers and the whole body and copies the body into
 * it. Through the response's output stream, a short first write goes out with the headers, and
 * the rest is written to the socket from the caller's array as it is. Why:
 * docs/decisions/0008-response-bodies.md.
 */
public final class ResponseBodies {
    /**
     * The first write, which Helidon sends with the headers (copying it into their buffer); also
     * the size of the buffer in front of the output stream (ImageServer), which writes of this
     * size and more bypass.
     */
    static final int FIRST_WRITE = 64;

    private ResponseBodies() {
    }

    /**
     * Sends {@code length} bytes of {@code body} from {@code offset} as the whole body of
     * {@code res}, whose status and other headers are set (this sets Content-Length). The server
     * must write synchronously (as it does with no write queue, see {@link ImageServer#builder}):
     * the array may be reused as soon as this returns.
     */
    public static void send(ServerResponse res, byte[] body, int offset, int length) throws IOException {
        res.contentLength(length);
        OutputStream out = res.outputStream();
        int first = Math.min(length, FIRST_WRITE);
        out.write(body, offset, first);
        out.write(body, offset + first, length - first);
        out.close();
    }
}
