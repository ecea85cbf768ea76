package imageserver.index;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.function.ToLongFunction;

/**
 * Runs scans ahead of the one writer, which takes their results in the order given. Few run at
 * once, and scans start only while the finished ones waiting for the writer hold few rows, so
 * memory stays bounded. While the writer waits for the next result, more scans start as others
 * finish: a slow source (a folder of 100,000 files) no longer holds up the quick checks of the
 * sources after it (an unchanged archive costs one stat).
 *
 * @param <T> a scan's result
 */
final class ScanAhead<T> {
    /** The scans to run, one at a time, on the writer's thread; null when there are no more. */
    interface Tasks<T> {
        Callable<T> next() throws Exception;
    }

    private static final int MAX_WAITING = 1_024;

    private final Executor pool;
    private final int maxRunning;
    private final long maxHeldRows;
    private final ToLongFunction<T> heldRows;
    private final Tasks<T> tasks;
    private final Deque<Future<T>> window = new ArrayDeque<>();
    private final Semaphore finished = new Semaphore(0);
    private boolean exhausted;

    ScanAhead(Executor pool, int maxRunning, long maxHeldRows, ToLongFunction<T> heldRows, Tasks<T> tasks) {
        this.pool = pool;
        this.maxRunning = maxRunning;
        this.maxHeldRows = maxHeldRows;
        this.heldRows = heldRows;
        this.tasks = tasks;
    }

    /** The next result in order, or null after the last. */
    T next() throws Exception {
        while (true) {
            startMore();
            Future<T> head = window.peekFirst();
            if (head == null) {
                return null;
            }
            if (head.isDone()) {
                window.removeFirst();
                try {
                    return head.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            finished.acquire();
        }
    }

    private void startMore() throws Exception {
        while (!exhausted && window.size() < MAX_WAITING && hasRoom()) {
            Callable<T> task = tasks.next();
            if (task == null) {
                exhausted = true;
                return;
            }
            FutureTask<T> scan = new FutureTask<>(task) {
                @Override
                protected void done() {
                    // Only now does isDone() hold: a permit released from inside the task could be
                    // taken while the writer still saw it running, and the writer would wait forever.
                    finished.release();
                }
            };
            window.add(scan);
            pool.execute(scan);
        }
    }

    private boolean hasRoom() {
        int running = 0;
        long held = 0;
        for (Future<T> scan : window) {
            if (scan.state() == Future.State.SUCCESS) {
                held += heldRows.applyAsLong(scan.resultNow());
            } else if (!scan.isDone()) {
                running++;
            }
        }
        return running < maxRunning && held < maxHeldRows;
    }
}
