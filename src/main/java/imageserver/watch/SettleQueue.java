package imageserver.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sources with changes, each due for a rescan once nothing has changed in it for the settle
 * time: a file still being written keeps sending events, so it is taken only once complete.
 * Times are the caller's clock readings in nanoseconds; not thread-safe (the watcher's thread owns it).
 */
final class SettleQueue {
    private final long settleNanos;
    /** When each waiting source last changed, in the order they first did. */
    private final Map<Path, Long> lastChange = new LinkedHashMap<>();

    SettleQueue(long settleNanos) {
        this.settleNanos = settleNanos;
    }

    void changed(Path source, long now) {
        lastChange.put(source, now);
    }

    /** The sources quiet for the settle time at {@code now}, removed from the queue. */
    List<Path> takeDue(long now) {
        List<Path> due = new ArrayList<>();
        lastChange.entrySet().removeIf(e -> {
            boolean quiet = now - e.getValue() >= settleNanos;
            if (quiet) {
                due.add(e.getKey());
            }
            return quiet;
        });
        return due;
    }

    /** How long from {@code now} until the next source is due; -1 if none waits. */
    long nanosUntilNextDue(long now) {
        long next = -1;
        for (long changedAt : lastChange.values()) {
            long wait = Math.max(0, changedAt + settleNanos - now);
            next = next < 0 ? wait : Math.min(next, wait);
        }
        return next;
    }
}
