package imageserver.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
     * its Content-Length, then closes the connection.
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

    /**
     * Sends {@code request} and reads until the server closes the connection, as an HTTP/1.0-style
     * client does; a {@link java.net.SocketTimeoutException} if it has not closed it within
     * {@code millis}. The body is everything after the head.
     */
    public static Response untilClosed(int port, String request, int millis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            socket.setSoTimeout(millis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (System.nanoTime() > deadline) {
                    throw new java.net.SocketTimeoutException("still open after " + millis + " ms");
                }
            }
            int status = head.startsWith("HTTP/1.1 ") && head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            return new Response(status, body.toString(StandardCharsets.ISO_8859_1));
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
