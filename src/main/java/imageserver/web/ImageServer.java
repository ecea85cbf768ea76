package imageserver.web;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import imageserver.index.IndexReader;
import imageserver.thumb.ThumbCache;

/** Builds and starts the HTTP server over an index. */
public final class ImageServer {
    private ImageServer() {
    }

    public static WebServer start(IndexReader reader, String host, int port) {
        return start(reader, host, port, Protection.NONE);
    }

    /** As above, with a password or TLS or both; thumbnails made anew each time. */
    public static WebServer start(IndexReader reader, String host, int port, Protection protection) {
        return start(reader, host, port, protection, Optional.empty(), System::nanoTime);
    }

    /** As above, with thumbnails kept in {@code thumbCache}. */
    public static WebServer start(IndexReader reader, String host, int port, Protection protection,
                                  Optional<ThumbCache> thumbCache) {
        return start(reader, host, port, protection, thumbCache, System::nanoTime);
    }

    /** As above, with the clock that tells when an open file is due to be checked again on disk. */
    public static WebServer start(IndexReader reader, String host, int port, LongSupplier nanoTime) {
        return start(reader, host, port, Protection.NONE, Optional.empty(), nanoTime);
    }

    private static WebServer start(IndexReader reader, String host, int port, Protection protection,
                                   Optional<ThumbCache> thumbCache, LongSupplier nanoTime) {
        WebServerConfig.Builder builder = builder(host, port)
                .routing(routing -> WebRoutes.configure(routing, reader, nanoTime, protection.access(), thumbCache));
        protection.tls().ifPresent(builder::tls);
        return builder.build().start();
    }

    /**
     * The server's settings without its routes: shared with benchmarks that compare against it,
     * which add {@link AccessLog} to their routing as {@link WebRoutes} does.
     */
    public static WebServerConfig.Builder builder(String host, int port) {
        return builder(host, port, IDLE_TIMEOUT);
    }

    /** How long a kept-alive connection may wait for its next request before it is closed (nginx: 75 s). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** As above, closing idle connections after {@code idleTimeout}. */
    static WebServerConfig.Builder builder(String host, int port, Duration idleTimeout) {
        return WebServer.builder()
                .host(host)
                .port(port)
                // Helidon's default is 5 minutes, looked at every 2: each idle connection holds a thread.
                .idleConnectionTimeout(idleTimeout)
                .idleConnectionPeriod(idleTimeout.dividedBy(12))
                // Without it, responses stall on delayed ACKs.
                .connectionOptions(options -> options.tcpNoDelay(true))
                // Sockets rather than Helidon 4.5's default NIO channels, whose writes go through an
                // 8 KB heap buffer, one copy and system call per 8 KB (docs/decisions/0002-plain-sockets.md).
                .useNio(false)
                // Writes go to the socket before write() returns (Helidon's default, stated here
                // because ResponseBodies relies on it: a queue would hold on to reused buffers).
                .writeQueueLength(0)
                // The buffer Helidon puts in front of each response's output stream, allocated per
                // response: image-server writes bodies in two writes that bypass it (ResponseBodies).
                .writeBufferSize(ResponseBodies.FIRST_WRITE)
                // HTTP/1.0 requests, which Helidon refuses, are answered as HTTP/1.1 ones that close.
                .addConnectionSelector(new Http10Connections())
                // A malformed path is refused by Helidon before routing; its answer looks like ours.
                .directHandlers(handlers -> handlers.addHandler(DirectHandler.EventType.BAD_REQUEST,
                        ErrorResponses::badRequest));
    }

    /**
     * Runs the web server's start-up code by building one that is never started; run on another
     * thread while the index opens, the two overlap (see {@link imageserver.startup}).
     */
    public static void warmUp() {
        builder("127.0.0.1", 0).routing(routing -> WebRoutes.configure(routing, null, System::nanoTime,
                Optional.empty(), Optional.empty())).build();
    }
}
