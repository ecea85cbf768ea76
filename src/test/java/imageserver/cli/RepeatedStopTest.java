package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexReader;
import imageserver.testing.H2Trace;
import imageserver.testing.RawHttp;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;

/**
 * Serve stopped by SIGTERM again and again, each time just after a burst of requests, leaves
 * nothing in H2's trace file beside the index. The race this guards against (serve's shutdown
 * hook returning the readers' connections while H2's own exit hook closed the database) shows
 * at a few stops in a hundred, so one stop proves little: {@code -Dstops=N} sets how many
 * (default 60; with that hook back, most runs fail). Run with {@code mvn verify -Pslow}.
 */
@Tag("slow")
class RepeatedStopTest {
    private static final int REQUESTS_PER_STOP = 20;

    @TempDir
    Path dir;

    @Test
    void stopsRightAfterRequestsLeaveNoErrorInH2sTraceFile() throws Exception {
        int stops = Integer.getInteger("stops", 60);
        for (int i = 0; i < 5; i++) {
            TestFiles.write(dir.resolve("photos/" + i + ".jpg"), TestFiles.bytes(20_000, i));
        }
        Path db = dir.resolve("db/index");
        try (ServeProcess first = serve("--db", db.toString(), dir.resolve("photos").toString())) {
            assertEquals(5, first.files());
        }
        for (int stop = 1; stop <= stops; stop++) {
            ServeProcess served = serve("--db", db.toString());
            try {
                burstOfRequests(served.url());
            } finally {
                served.process().destroy();  // SIGTERM
            }
            assertTrue(served.process().waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
            H2Trace.assertNoErrors(db, "at stop " + stop + " of " + stops);
        }
        try (IndexDatabase index = IndexDatabase.open(db)) {
            assertEquals(5, new IndexReader(index).total(), "the index is intact after the stops");
        }
    }

    /** Serve with the JVM flags its launcher gives it (the timing of the stop depends on them a little). */
    private ServeProcess serve(String... args) throws IOException {
        return ServeProcess.start(List.of("-XX:+UseSerialGC", "-Xmx112m"), dir.resolve("serve.err"), args);
    }

    /**
     * Random picks, all at once, so that the readers hold several pooled sessions, each on a
     * connection of its own that the client closes once answered (as curl does): with nothing
     * left open the server stops at once, at the moment H2 closes the database.
     */
    private static void burstOfRequests(String url) throws Exception {
        int port = URI.create(url).getPort();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_STOP; i++) {
                answers.add(clients.submit(() -> RawHttp.exchange(port, "GET /api/random HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")));
            }
            for (Future<RawHttp.Response> answer : answers) {
                assertEquals(200, answer.get(20, TimeUnit.SECONDS).status(), "random pick");
            }
        }
    }
}
