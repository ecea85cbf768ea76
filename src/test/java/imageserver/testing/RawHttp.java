package imageserver.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request written to a socket as it is given, for requests no HTTP client would
 * send (malformed paths) or with a connection closed as soon as it is answered.
 */
public final class RawHttp {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private RawHttp() {
    }

    /** A response's status (0 if it had no status line) and body (ISO-8859-1). */
    public record Response(int status, String body) {
    }

    /**
     * Sends {@code request} to the server on {@code port} of 127.0.0.1 and reads one response, by
     * its Content-Length, then closes the connection: Helidon 4.5.0 answers "Connection: close"
     * but keeps the socket open (helidon-io/helidon#12324), so waiting for EOF would only measure
     * that upstream bug.
     */
    public static Response exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            int status = head.startsWith("HTTP/1.1 ") && head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            boolean noBody = request.startsWith("HEAD ") || status == 304 || status == 204 || status < 200;
            Matcher length = CONTENT_LENGTH.matcher(head);
            byte[] body;
            if (noBody) {
                body = new byte[0];
            } else if (length.find()) {
                body = in.readNBytes(Integer.parseInt(length.group(1)));
            } else {
                body = in.readAllBytes();  // no length: the server must close
            }
            return new Response(status, new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                break;
            }
        }
        return head.toString();
    }
}
