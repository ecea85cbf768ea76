package imageserver.web;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection once a request that asked for it ({@code Connection: close}) is answered.
 * Helidon 4.5.0 answers with {@code Connection: close} but then waits for another request on the
 * same socket until the client gives up (helidon-io/helidon#12324, fixed after 4.5.3, in no
 * release served here), so a client reading to the end of the answer waits for its own timeout.
 * A {@link CloseConnectionException} is Helidon's own way out of its connection loop: the
 * connection handler closes the socket, and logs nothing.
 */
final class ConnectionClose implements Filter {
    /** What HTTP/1.1 requests and HTTP/1.0 ones (rewritten by {@link Http10Connections}) carry. */
    private static final String HTTP_1_1 = "1.1";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        // HTTP/2 has no such header, and its connection carries other requests' streams.
        if (res.isSent() && HTTP_1_1.equals(req.prologue().protocolVersion())
                && req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("the client asked to close the connection");
        }
    }
}
