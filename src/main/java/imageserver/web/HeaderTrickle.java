package imageserver.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerConnection;

/**
 * Cuts off clients that trickle a request's headers (slowloris). Helidon's idle check asks an idle
 * connection to close, but interrupts it only while it waits for a request line: one that sends a
 * header line every few seconds would keep its thread for ever. This listener knows which
 * connections are between their request line and the end of their headers, and a connection
 * {@link #guard guarded} by it closes its socket when the idle check asks it to close then.
 */
final class HeaderTrickle implements Http1ConnectionListener {
    private final Set<ConnectionContext> readingHeaders = ConcurrentHashMap.newKeySet();

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        readingHeaders.add(ctx);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        readingHeaders.remove(ctx);
    }

    /** The connection, closed at once if the idle check finds it still reading headers. */
    ServerConnection guard(ServerConnection connection, ConnectionContext ctx) {
        return new ServerConnection() {
            @Override
            public void handle(Limit limit) throws InterruptedException {
                try {
                    connection.handle(limit);
                } finally {
                    readingHeaders.remove(ctx);
                }
            }

            @Override
            public Duration idleTime() {
                return connection.idleTime();
            }

            @Override
            public void close(boolean interrupt) {
                if (readingHeaders.remove(ctx)) {
                    // The connection's thread is blocked reading the next header: only this ends it.
                    ctx.serverSocket().close();
                }
                connection.close(interrupt);
            }
        };
    }
}
