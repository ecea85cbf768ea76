package imageserver.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class AccessLogHandlerTest {

    private static List<String> lines(StringWriter out) {
        String text = out.toString();
        return text.isEmpty() ? List.of() : List.of(text.split(System.lineSeparator()));
    }

    @Test
    void linesFromManyRequestThreadsAreWrittenOnceEachAndAllOfThemByClose() throws Exception {
        StringWriter out = new StringWriter();
        AccessLogHandler handler = new AccessLogHandler(out);
        int threads = 64;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> requests = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            requests.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    handler.publish(new LogRecord(Level.INFO, "GET /" + id + "/" + i));
                }
            }));
        }
        start.countDown();
        for (Thread request : requests) {
            request.join();
        }
        handler.close();

        List<String> written = lines(out);
        assertEquals(threads * perThread, written.size());
        assertEquals(threads * perThread, written.stream().distinct().count(), "no line written twice");
        // One thread's lines stay in the order it logged them.
        List<String> first = written.stream().filter(l -> l.startsWith("GET /0/")).toList();
        for (int i = 0; i < perThread; i++) {
            assertEquals("GET /0/" + i, first.get(i));
        }
    }

    @Test
    void linesReachTheOutputWhileTheHandlerStaysOpen() throws Exception {
        StringWriter out = new StringWriter();
        AccessLogHandler handler = new AccessLogHandler(out);
        handler.publish(new LogRecord(Level.INFO, "GET /api/health"));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (lines(out).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("GET /api/health"), lines(out));
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "after close"));
        // A line queued after close would leave with the next flush.
        handler.flush();
        assertEquals(List.of("GET /api/health"), lines(out), "nothing is queued once closed");
    }

    @Test
    void aWriterWaitingOnAnIdleServerIsWokenByTheNextLine() throws Exception {
        StringWriter out = new StringWriter();
        AccessLogHandler handler = new AccessLogHandler(out);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!handler.isWaitingForLines() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(handler.isWaitingForLines(), "an empty queue parks the writer");

        handler.publish(new LogRecord(Level.INFO, "GET /after-a-pause"));

        while (lines(out).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("GET /after-a-pause"), lines(out));
        handler.close();
    }
}
