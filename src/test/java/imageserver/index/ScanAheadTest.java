package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanAheadTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Tasks 0..count-1 that return their number, from a list the writer's thread walks. */
    private static ScanAhead.Tasks<Integer> numbered(int count, AtomicInteger started, Callable<Integer> first) {
        return () -> {
            int n = started.get();
            if (n == count) {
                return null;
            }
            started.incrementAndGet();
            return n == 0 ? first : () -> n;
        };
    }

    @Test
    void resultsComeInOrderAndLaterScansFinishWhileTheFirstIsStillRunning() throws Exception {
        CountDownLatch othersDone = new CountDownLatch(20);
        AtomicInteger started = new AtomicInteger();
        ScanAhead.Tasks<Integer> tasks = numbered(21, started, () -> {
            // A slow first source: it cannot finish unless the twenty after it run meanwhile.
            othersDone.await();
            return 0;
        });
        ScanAhead<Integer> scans = new ScanAhead<>(pool, 2, Long.MAX_VALUE, n -> 0, () -> {
            Callable<Integer> task = tasks.next();
            return task == null ? null : () -> {
                Integer n = task.call();
                othersDone.countDown();
                return n;
            };
        });

        List<Integer> taken = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Integer n = scans.next(); n != null; n = scans.next()) {
                taken.add(n);
            }
        });

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, taken);
        assertNull(scans.next());
    }

    @Test
    void noMoreScansStartWhileTheFinishedOnesHoldTheirRowBudget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        // The first scan runs on its own thread until released; every later one runs at once on
        // the writer's thread, so when the writer waits, it has started all it ever will.
        AtomicInteger executed = new AtomicInteger();
        Executor firstAsideOthersInline = scan -> {
            if (executed.getAndIncrement() == 0) {
                Thread.ofPlatform().start(scan);
            } else {
                scan.run();
            }
        };
        // Each result holds 10 rows; 25 may wait: after the first (still running), three more start.
        ScanAhead<Integer> scans = new ScanAhead<>(firstAsideOthersInline, 2, 25, n -> 10, numbered(100, started, () -> {
            release.await();
            return 0;
        }));
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                scans.next();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, writer.getState(), "the writer waits for the first scan");
        assertEquals(4, started.get());
        release.countDown();
        writer.join(10_000);
    }
}
