package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void handsOutTheBufferGivenBackLastWhichIsStillInTheCpuCache() {
        BufferPool pool = new BufferPool();
        byte[] first = pool.take();
        byte[] second = pool.take();
        pool.give(first);
        pool.give(second);

        assertSame(second, pool.take());
        assertSame(first, pool.take());
    }

    @Test
    void allocatesAFullSizeBufferWhenNoneIsFree() {
        BufferPool pool = new BufferPool();
        byte[] taken = pool.take();

        assertEquals(BufferPool.SIZE, taken.length);
        assertNotSame(taken, pool.take());
    }
}
