package imageserver.web;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One line per request, in common log format plus the time taken in microseconds:
 * {@code 127.0.0.1 - [28/Nov/2026:20:06:55 +0000] "GET /api/health HTTP/1.1" 200 31 412}.
 * It replaces Helidon's AccessLogFeature, which reads the client's address after the
 * exchange: when a stop closes the socket mid-response, that threw and printed a stack trace.
 * Lines go to the {@value #LOGGER} logger (AccessLogHandler writes them off the request threads).
 */
public final class AccessLog implements Filter {
    static final String LOGGER = "imageserver.access";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!LOG.isLoggable(Level.INFO)) {
            chain.proceed();
            return;
        }
        // Read before the exchange: afterwards the socket may already be closed.
        String client = req.remotePeer().host();
        ZonedDateTime when = ZonedDateTime.now();
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            long micros = (System.nanoTime() - start) / 1_000;
            LOG.info(client + " - [" + TIME.format(when) + "] \"" + requestLine(req.prologue()) + "\" "
                    + res.status().code() + " " + res.bytesWritten() + " " + micros);
        }
    }

    private static String requestLine(HttpPrologue prologue) {
        String query = prologue.hasQuery() ? "?" + prologue.query().rawValue() : "";
        return prologue.method().text() + " " + prologue.uriPath().rawPath() + query + " "
                + prologue.protocol() + "/" + prologue.protocolVersion();
    }
}
