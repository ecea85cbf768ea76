package imageserver.web;

import java.util.function.LongSupplier;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import imageserver.index.IndexReader;

/** Builds and starts the HTTP server over an index. */
public final class ImageServer {
    private ImageServer() {
    }

    public static WebServer start(IndexReader reader, String host, int port) {
        return start(reader, host, port, System::nanoTime);
    }

    /** As above, with the clock that tells when an open file is due to be checked again on disk. */
    public static WebServer start(IndexReader reader, String host, int port, LongSupplier nanoTime) {
        return builder(host, port)
                .routing(routing -> WebRoutes.configure(routing, reader, nanoTime))
                .build()
                .start();
    }

    /**
     * The server's settings without its routes: shared with benchmarks that compare against it,
     * which add {@link AccessLog} to their routing as {@link WebRoutes} does.
     */
    public static WebServerConfig.Builder builder(String host, int port) {
        return WebServer.builder()
                .host(host)
                .port(port)
                // Without it, responses stall on delayed ACKs (p50 22 ms instead of 2.6 ms here).
                .connectionOptions(options -> options.tcpNoDelay(true))
                // Sockets rather than Helidon 4.5's default NIO channels, whose writes go through an
                // 8 KB heap buffer: a 120 KB body took 15 copies and system calls. At 64 connections
                // the in-memory reference went from 4.3-8.4k to 11-15k req/s, files read from disk
                // from 4.4-6.1k to 8.4-10.6k, at half the CPU per request (BENCHMARKS.md).
                .useNio(false)
                // Writes go to the socket before write() returns (Helidon's default, stated here
                // because ResponseBodies relies on it: a queue would hold on to reused buffers).
                .writeQueueLength(0)
                // The buffer Helidon puts in front of each response's output stream, allocated per
                // response (4 KB by default, a third of the garbage of a ~120 KB image response):
                // image-server writes bodies in two writes that bypass it (ResponseBodies).
                .writeBufferSize(ResponseBodies.FIRST_WRITE)
                // A malformed path is refused by Helidon before routing; its answer looks like ours.
                .directHandlers(handlers -> handlers.addHandler(DirectHandler.EventType.BAD_REQUEST,
                        ErrorResponses::badRequest));
    }

    /**
     * Loads the web server's classes (about half a second of a cold start) by building one
     * that is never started; run on another thread while the index opens, the two overlap.
     */
    public static void warmUp() {
        builder("127.0.0.1", 0).routing(routing -> WebRoutes.configure(routing, null, System::nanoTime)).build();
    }
}
