package imageserver.logging;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes access-log lines to stderr from a background thread, as the JDK's ConsoleHandler formats
 * and flushes every record under one lock that request threads queue on. Requests only add their
 * line to a lock-free queue, which the writer empties every {@value #DRAIN_INTERVAL_MS} ms (a
 * blocking queue made request threads wake the writer, or park on its lock, at every request).
 * Only a full queue (the writer is stuck) makes requests wait, rather than drop lines. When a drain
 * finds nothing to write, the writer parks until the next line, so an idle server does not wake
 * up fifty times a second. Configured in logging.properties; why: docs/decisions/0010-access-log.md.
 */
public final class AccessLogHandler extends Handler {
    private static final int QUEUE = 65_536;
    private static final long DRAIN_INTERVAL_MS = 20;

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;
    /** Set while the writer parks on an empty queue: the next line wakes it. */
    private volatile boolean idle;

    public AccessLogHandler() {
        this(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
    }

    /** Writes to {@code out} instead of stderr (tests). */
    AccessLogHandler(Writer out) {
        this.out = new BufferedWriter(out, 1 << 16);
        writer = Thread.ofPlatform().daemon().name("access-log").start(this::drain);
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line = record.getMessage() + System.lineSeparator();
        while (queued.get() >= QUEUE && !closed) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        queued.incrementAndGet();
        lines.add(line);
        // Read after the add: a writer that set idle before it last looked at the queue is woken.
        if (idle) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * Every {@value #DRAIN_INTERVAL_MS} ms, writes what the requests queued meanwhile, in one batch;
     * with nothing queued, waits for the next line.
     */
    private void drain() {
        try {
            while (!closed) {
                Thread.sleep(DRAIN_INTERVAL_MS);
                if (lines.isEmpty()) {
                    idle = true;
                    // Looked at again after idle is set, so a line added meanwhile is not missed.
                    if (lines.isEmpty() && !closed) {
                        LockSupport.park(this);
                    }
                    idle = false;
                }
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<String> batch) {
        try {
            for (String line : batch) {
                out.write(line);
            }
            out.flush();
        } catch (IOException e) {
            reportError("cannot write the access log", e, ErrorManager.WRITE_FAILURE);
        }
    }

    /** Synchronized so that lines leave in the order they were queued, whoever flushes. */
    @Override
    public synchronized void flush() {
        List<String> batch = new ArrayList<>();
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            batch.add(line);
        }
        if (!batch.isEmpty()) {
            queued.addAndGet(-batch.size());
            write(batch);
        }
    }

    /** Whether the writer is parked, waiting for a line (tests). */
    boolean isWaitingForLines() {
        return idle && writer.getState() == Thread.State.WAITING;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
