package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import imageserver.source.ScannedFile;

class PartPlanTest {
    private final AtomicInteger lastId = new AtomicInteger(100);

    private static EntryRow row(int n, long pos) {
        return new EntryRow(pos, n, new ScannedFile("f" + n, 1, 1, ScannedFile.Storage.NONE));
    }

    private static List<EntryRow> rows(int count) {
        List<EntryRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i, 0));
        }
        return rows;
    }

    /** Every row of {@code rows} kept at its position: what a placement of a new source made. */
    private static List<EntryRow> keptAt(List<EntryRow> rows, long[] positions) {
        List<EntryRow> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            kept.add(rows.get(i).at(positions[i]));
        }
        return kept;
    }

    private static int moved(long[] before, long[] after) {
        int moved = 0;
        for (int i = 0; i < before.length; i++) {
            moved += before[i] != after[i] ? 1 : 0;
        }
        return moved;
    }

    @Test
    void aNewSourceIsNumberedInPartsOfTheTargetSize() {
        List<EntryRow> rows = rows(2_500);
        PartPlan.Placement placement = PartPlan.place(rows, Arrays.asList(new EntryRow[2_500]), lastId::incrementAndGet);

        assertEquals(List.of(new Part(101, 0, 1_000), new Part(102, 1, 1_000), new Part(103, 2, 500)), placement.parts());
        assertEquals(EntryPos.of(101, 1), placement.positions()[0]);
        assertEquals(EntryPos.of(102, 1), placement.positions()[1_000]);
        assertEquals(EntryPos.of(103, 500), placement.positions()[2_499]);
    }

    @Test
    void aFileAddedInTheMiddleMovesOnlyTheRowsAfterItInItsPart() {
        List<EntryRow> rows = rows(3_000);
        long[] first = PartPlan.place(rows, Arrays.asList(new EntryRow[3_000]), lastId::incrementAndGet).positions();
        List<EntryRow> kept = keptAt(rows, first);
        // A new file sorts right after row 1,499: the middle of the second part.
        List<EntryRow> after = new ArrayList<>(rows);
        after.add(1_500, row(9_999, 0));
        List<EntryRow> keptAfter = new ArrayList<>(kept);
        keptAfter.add(1_500, null);

        PartPlan.Placement placement = PartPlan.place(after, keptAfter, lastId::incrementAndGet);

        assertEquals(List.of(new Part(101, 0, 1_000), new Part(102, 1, 1_001), new Part(103, 2, 1_000)), placement.parts());
        assertEquals(EntryPos.of(102, 501), placement.positions()[1_500]);
        long[] keptPositions = new long[3_000];
        for (int i = 0, j = 0; i < after.size(); i++) {
            if (i != 1_500) {
                keptPositions[j++] = placement.positions()[i];
            }
        }
        assertEquals(500, moved(first, keptPositions), "the rows after the new one in its part");
    }

    @Test
    void filesBeforeEveryKeptRowJoinTheFirstPart() {
        List<EntryRow> rows = rows(10);
        long[] first = PartPlan.place(rows, Arrays.asList(new EntryRow[10]), lastId::incrementAndGet).positions();
        List<EntryRow> after = new ArrayList<>(rows);
        after.addFirst(row(-1, 0));
        List<EntryRow> kept = new ArrayList<>(keptAt(rows, first));
        kept.addFirst(null);

        PartPlan.Placement placement = PartPlan.place(after, kept, lastId::incrementAndGet);

        assertEquals(List.of(new Part(101, 0, 11)), placement.parts());
        assertEquals(EntryPos.of(101, 1), placement.positions()[0]);
        assertEquals(EntryPos.of(101, 11), placement.positions()[10]);
    }

    @Test
    void aPartGrownPastTheMaximumIsSplitAndItsFirstRowsStayInPlace() {
        List<EntryRow> rows = rows(10);
        long[] first = PartPlan.place(rows, Arrays.asList(new EntryRow[10]), lastId::incrementAndGet).positions();
        List<EntryRow> after = new ArrayList<>(rows);
        List<EntryRow> kept = new ArrayList<>(keptAt(rows, first));
        for (int i = 0; i < PartPlan.MAX; i++) {
            after.add(row(1_000 + i, 0));
            kept.add(null);
        }

        PartPlan.Placement placement = PartPlan.place(after, kept, lastId::incrementAndGet);

        assertEquals(List.of(new Part(101, 0, 1_000), new Part(102, 1, 1_000), new Part(103, 2, 10)),
                placement.parts());
        assertEquals(0, moved(first, Arrays.copyOf(placement.positions(), 10)));
    }

    @Test
    void aPartWhoseRowsAllWentIsDropped() {
        List<EntryRow> rows = rows(2_000);
        long[] first = PartPlan.place(rows, Arrays.asList(new EntryRow[2_000]), lastId::incrementAndGet).positions();
        List<EntryRow> kept = keptAt(rows, first);

        PartPlan.Placement placement = PartPlan.place(rows.subList(1_000, 2_000), kept.subList(1_000, 2_000),
                lastId::incrementAndGet);

        assertEquals(List.of(new Part(102, 0, 1_000)), placement.parts());
        assertEquals(EntryPos.of(102, 1), placement.positions()[0]);
    }

    @Test
    void anAppendFillsTheLastPartThenStartsNewOnes() {
        PartPlan.Placement placement = PartPlan.append(new Part(7, 3, 990), 1_020, lastId::incrementAndGet);

        assertEquals(List.of(new Part(7, 3, 1_000), new Part(101, 4, 1_000), new Part(102, 5, 10)), placement.parts());
        assertEquals(EntryPos.of(7, 991), placement.positions()[0]);
        assertEquals(EntryPos.of(101, 1), placement.positions()[10]);
        assertEquals(EntryPos.of(102, 10), placement.positions()[1_019]);
    }

    @Test
    void heldRowsOutOfOrderStillGetDistinctPositions() {
        // Kept rows of part 1, then part 2, then part 1 again: as if the natural order had changed.
        List<EntryRow> rows = rows(3);
        List<EntryRow> kept = List.of(row(0, EntryPos.of(1, 1)), row(1, EntryPos.of(2, 1)), row(2, EntryPos.of(1, 2)));

        PartPlan.Placement placement = PartPlan.place(rows, kept, lastId::incrementAndGet);

        assertEquals(List.of(new Part(1, 0, 1), new Part(2, 1, 1), new Part(101, 2, 1)), placement.parts());
        assertEquals(3, Arrays.stream(placement.positions()).distinct().count());
    }
}
