package imageserver.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SettleQueueTest {
    private static final long SECOND = 1_000_000_000L;
    private final Path photos = Path.of("/lib/photos");
    private final Path comics = Path.of("/lib/comics");

    @Test
    void aSourceIsDueOnlyOnceItHasBeenQuietForTheSettleTime() {
        SettleQueue queue = new SettleQueue(2 * SECOND);
        queue.changed(photos, 0);
        queue.changed(photos, SECOND);  // still being written

        assertEquals(List.of(), queue.takeDue(2 * SECOND));
        assertEquals(SECOND, queue.nanosUntilNextDue(2 * SECOND));
        assertEquals(List.of(photos), queue.takeDue(3 * SECOND));
        assertEquals(-1, queue.nanosUntilNextDue(3 * SECOND));
    }

    @Test
    void eachSourceSettlesOnItsOwn() {
        SettleQueue queue = new SettleQueue(2 * SECOND);
        queue.changed(photos, 0);
        queue.changed(comics, SECOND);

        assertEquals(List.of(photos), queue.takeDue(2 * SECOND));
        assertEquals(SECOND, queue.nanosUntilNextDue(2 * SECOND));
        assertEquals(List.of(comics), queue.takeDue(3 * SECOND));
    }
}
