package imageserver.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.index.IndexException;

/**
 * The one place where failures become statuses: JSON under /api, a short HTML page elsewhere,
 * never a stack trace or a filesystem path in the body.
 */
final class ErrorResponses {
    private static final Logger LOG = System.getLogger(ErrorResponses.class.getName());
    /** What a route may have set for the entity it meant to send before failing (a file that turned out damaged). */
    private static final List<HeaderName> ENTITY_HEADERS = List.of(HeaderNames.CONTENT_LENGTH,
            HeaderNames.CONTENT_RANGE, HeaderNames.ETAG, HeaderNames.ACCEPT_RANGES, ViewerPage.CONTENT_SECURITY_POLICY);

    private ErrorResponses() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(NotFound.class, (req, res, e) -> send(req, res, Status.NOT_FOUND_404, "not found"));
        routing.error(IndexException.class, ErrorResponses::unavailable);
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "failed to answer " + req.prologue().method() + " " + req.path().rawPath(), e);
            send(req, res, Status.INTERNAL_SERVER_ERROR_500, "internal error");
        });
    }

    /** The index could not be read or written: the client may try again later. */
    static void unavailable(ServerRequest req, ServerResponse res, IndexException e) {
        LOG.log(Level.WARNING, e.getMessage());
        send(req, res, Status.SERVICE_UNAVAILABLE_503, "the index cannot be read right now");
    }

    /** The last route: whatever no service matched. */
    static void fallback(HttpRouting.Builder routing) {
        routing.any((req, res) -> send(req, res, Status.NOT_FOUND_404, "not found"));
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String message) {
        if (res.isSent()) {
            return;
        }
        res.status(status);
        ENTITY_HEADERS.forEach(res.headers()::remove);
        if (req.path().path().startsWith("/api/")) {
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(jsonBody(status, message));
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            ViewerPage.securityHeaders(res.headers());
            res.send(ViewerPage.errorPage(status.code(), message));
        }
    }

    /**
     * The answer to a request Helidon refuses before routing (a malformed path): the same body
     * as {@link #send}'s, chosen from the path as received.
     */
    static DirectHandler.TransportResponse badRequest(DirectHandler.TransportRequest req, DirectHandler.EventType type,
                                                      Status status, ServerResponseHeaders headers, String ignored) {
        String message = "malformed path";
        if (req.path().startsWith("/api/")) {
            headers.set(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            headers.set(HeaderNames.CONTENT_TYPE, "application/json");
            return DirectHandler.TransportResponse.builder().status(status).headers(headers)
                    .entity(jsonBody(status, message)).build();
        }
        headers.set(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        ViewerPage.securityHeaders(headers);
        return DirectHandler.TransportResponse.builder().status(status).headers(headers)
                .entity(ViewerPage.errorPage(status.code(), message)).build();
    }

    private static String jsonBody(Status status, String message) {
        return "{\"error\": " + Json.string(message) + ", \"status\": " + status.code() + "}";
    }
}
