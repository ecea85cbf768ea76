package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexReader;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;

/**
 * 64 connections for a minute (-Dsoak.seconds) over folder files, stored and deflated ZIP
 * entries, with an {@code index} run in the middle: no error, and from the end of a warm-up
 * (a third of the run) to the end, RSS, file descriptors and the live heap stay flat. Run with
 * {@code mvn verify -Pslow}; the figures go to target/soak-report.txt.
 */
@Tag("slow")
class LoadSoakTest {
    private static final int CONNECTIONS = 64;
    private static final int FILES_PER_SOURCE = 100;

    @TempDir
    Path dir;

    @Test
    void sixtyFourConnectionsForAMinuteWithAnIndexRunMidwayGiveNoErrorAndFlatMemory() throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        TestFiles.Zip stored = TestFiles.zip();
        TestFiles.Zip deflated = TestFiles.zip();
        for (int i = 0; i < FILES_PER_SOURCE; i++) {
            byte[] image = TestFiles.bytes(120_000, i);
            TestFiles.write(dir.resolve("photos/" + i + ".jpg"), image);
            stored.stored(i + ".jpg", image);
            deflated.deflated(i + ".jpg", image);
        }
        stored.writeTo(dir.resolve("stored.zip"));
        deflated.writeTo(dir.resolve("deflated.zip"));
        Path db = dir.resolve("db/index");

        // A bounded heap, as README advises for a server: with the default sizing G1 keeps growing
        // the heap (not the live set) for a minute on a large machine, and RSS with it.
        try (ServeProcess server = ServeProcess.start(List.of("-Xmx256m"), dir.resolve("serve.err"), "--db", db.toString(),
                dir.resolve("photos").toString(), dir.resolve("stored.zip").toString(),
                dir.resolve("deflated.zip").toString())) {
            List<String> urls = dataUrls(db, server.url());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicLong ok = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<String> samples = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CONNECTIONS; c++) {
                    clients.submit(() -> load(http, urls, end, ok, errors));
                }
                // Warm-up, a third of the run: the JIT settles and G1 grows the heap to its working size.
                Thread.sleep(seconds * 1000 / 3);
                samples.add(sample("after warm-up", server, ok));
                long[] start = measure(server);
                Thread.sleep(seconds * 1000 / 6);
                StringWriter err = new StringWriter();
                TestFiles.write(dir.resolve("more/new.jpg"), TestFiles.bytes(120_000, 999));
                int status = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                        "index", dir.resolve("more").toString(), "--db", db.toString());
                assertEquals(0, status, "index while under load: " + err);
                samples.add(sample("after index", server, ok));
                while (System.nanoTime() < end - 1_000_000_000L) {
                    Thread.sleep(1_000);
                }
                samples.add(sample("end", server, ok));
                long[] last = measure(server);
                clients.shutdown();

                String report = String.join("\n", samples)
                        + String.format("%nafter a full GC: RSS %d MB, live heap %d MB after warm-up; RSS %d MB,"
                                + " live heap %d MB at the end", start[0] / 1024, start[2] / 1024, last[0] / 1024,
                                last[2] / 1024)
                        + "\nrequests: " + ok.get()
                        + ", errors: " + errors.size() + (errors.isEmpty() ? "" : ", first: " + errors.peek()) + "\n";
                Files.writeString(Path.of("target/soak-report.txt"), report);
                assertTrue(errors.isEmpty(), report);
                assertTrue(ok.get() > CONNECTIONS * seconds, "the load ran: " + report);
                assertTrue(last[0] <= start[0] * 11 / 10 + 32 * 1024, "RSS stays flat: " + report);
                assertTrue(last[1] <= start[1] + 16, "file descriptors stay flat: " + report);
                assertTrue(last[2] <= start[2] + 16 * 1024, "the live heap stays flat (no leak): " + report);
            }
        }
    }

    private static List<String> dataUrls(Path db, String base) throws Exception {
        List<String> urls = new ArrayList<>();
        try (IndexDatabase index = IndexDatabase.open(db); IndexReader reader = new IndexReader(index)) {
            for (long p = 1; p <= reader.total(); p++) {
                urls.add(base + "api/" + reader.atPosition(p).orElseThrow().hash() + "/data");
            }
        }
        assertEquals(3 * FILES_PER_SOURCE, urls.size());
        return urls;
    }

    private static void load(HttpClient http, List<String> urls, long end, AtomicLong ok,
                             ConcurrentLinkedQueue<String> errors) {
        while (System.nanoTime() < end) {
            String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200 && response.body().length == 120_000) {
                    ok.incrementAndGet();
                } else {
                    errors.add(response.statusCode() + " " + response.body().length + " bytes for " + url);
                }
            } catch (Exception e) {
                errors.add(e + " for " + url);
            }
        }
    }

    /**
     * {RSS, open file descriptors, live heap}, all right after a full GC so that two measures
     * compare like with like; the live heap first, since jcmd attaching to the process (a
     * thread, a socket, the GC) would otherwise show up as growth between them.
     */
    private static long[] measure(ServeProcess server) throws Exception {
        long live = server.liveHeapKb();
        return new long[] {server.rssKb(), server.openFileDescriptors(), live};
    }

    private static String sample(String when, ServeProcess server, AtomicLong ok) throws Exception {
        return String.format("%-14s RSS %6d MB, open fds %4d, requests so far %d",
                when, server.rssKb() / 1024, server.openFileDescriptors(), ok.get());
    }
}
