package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

class ShuffleTest {
    @Test
    void everyItemComesExactlyOnceAndStepOfFindsItsStep() {
        for (long n : new long[] {1, 2, 3, 4, 5, 7, 8, 9, 100, 1000, 4097, 65_537}) {
            Shuffle shuffle = new Shuffle(42, n);
            BitSet seen = new BitSet();
            for (long step = 0; step < n; step++) {
                long item = shuffle.at(step);
                assertTrue(item >= 0 && item < n, n + ": " + item);
                assertTrue(!seen.get((int) item), n + ": item " + item + " came twice");
                seen.set((int) item);
                assertEquals(step, shuffle.stepOf(item), n + ": item " + item);
            }
        }
    }

    @Test
    void theOrderDependsOnTheSeedAndIsTheSameForTheSameSeed() {
        Shuffle one = new Shuffle(1, 10_000);
        Shuffle again = new Shuffle(1, 10_000);
        Shuffle other = new Shuffle(2, 10_000);
        int same = 0;
        for (long step = 0; step < 10_000; step++) {
            assertEquals(one.at(step), again.at(step));
            if (one.at(step) == other.at(step)) {
                same++;
            }
        }
        assertTrue(same < 10, "another seed, another order: " + same + " steps alike");
    }

    @Test
    void consecutiveStepsJumpAcrossTheLibraryNotAlongIt() {
        // In a library of folders in natural order, the next step must not be the next file.
        long n = 1_000_000;
        Shuffle shuffle = new Shuffle(7, n);
        int neighbours = 0;
        long forward = 0;
        for (long step = 0; step < 100_000; step++) {
            long gap = shuffle.at(step + 1) - shuffle.at(step);
            if (Math.abs(gap) <= 10) {
                neighbours++;
            }
            if (gap > 0) {
                forward++;
            }
        }
        assertTrue(neighbours < 20, neighbours + " steps landed within 10 files of the one before");
        assertTrue(forward > 45_000 && forward < 55_000, forward + " of 100,000 steps went forward");
    }

    @Test
    void largeLibrariesAreShuffledToo() {
        long n = 10_000_001;
        Shuffle shuffle = new Shuffle(-3, n);
        for (long step : new long[] {0, 1, n / 2, n - 1}) {
            assertEquals(step, shuffle.stepOf(shuffle.at(step)));
        }
        assertNotEquals(shuffle.at(0) + 1, shuffle.at(1));
    }
}
