package imageserver.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Where a source's rows go. Its entries are numbered in parts of about {@value #TARGET} rows, not
 * from 1 to n: a file added in the middle of a big folder then renumbers the rows of its part
 * only, and moves only their pairs in the lookup by hash (decision 0012). Pure: ids of new parts
 * come from the caller.
 */
final class PartPlan {
    /** The size of a new part. */
    static final int TARGET = 1_000;
    /** A part that grows past this is split into parts of {@link #TARGET}. */
    static final int MAX = 2 * TARGET;

    private PartPlan() {
    }

    /**
     * The parts of a source and the position of each of its rows.
     *
     * @param parts     the parts it places rows in, in order
     * @param positions the new position of each row given, in the same order
     */
    record Placement(List<Part> parts, long[] positions) {
    }

    /**
     * Places a source's rows, in natural order, of which some are kept: {@code kept.get(i)} is what
     * the index holds for {@code rows.get(i)}, at its position, or null for a new row. A kept row
     * stays in its part, and at its seq unless rows before it in the part came or went; a new row
     * joins the part of the kept row before it (at the start, the part of the first kept row).
     * Parts left without rows are not in the placement; a part grown past {@link #MAX} is split.
     */
    static Placement place(List<EntryRow> rows, List<EntryRow> kept, IntSupplier newPartId) {
        int n = rows.size();
        int[] partOf = new int[n];
        int current = -1;
        for (EntryRow k : kept) {
            if (k != null) {
                current = EntryPos.partId(k.pos());
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            if (kept.get(i) != null) {
                current = EntryPos.partId(kept.get(i).pos());
            }
            partOf[i] = current;
        }
        List<Part> parts = new ArrayList<>();
        long[] positions = new long[n];
        Set<Integer> used = new HashSet<>();
        for (int start = 0, end; start < n; start = end) {
            end = start;
            while (end < n && partOf[end] == partOf[start]) {
                end++;
            }
            // A part met again after another (held rows out of natural order) gets new ids: keys stay unique.
            int id = partOf[start] >= 0 && used.add(partOf[start]) ? partOf[start] : -1;
            int chunk = id >= 0 && end - start <= MAX ? end - start : TARGET;
            for (int from = start; from < end; from += chunk) {
                int partId = from == start && id >= 0 ? id : newPartId.getAsInt();
                int to = Math.min(end, from + chunk);
                parts.add(new Part(partId, parts.size(), to - from));
                for (int j = from; j < to; j++) {
                    positions[j] = EntryPos.of(partId, j - from + 1);
                }
            }
        }
        return new Placement(parts, positions);
    }

    /**
     * Places {@code count} rows after a source's last part ({@code last}, null if it has none):
     * it is filled up to {@link #TARGET}, then new parts follow. The placement holds the parts
     * that change only.
     */
    static Placement append(Part last, int count, IntSupplier newPartId) {
        List<Part> parts = new ArrayList<>();
        long[] positions = new long[count];
        int placed = 0;
        int ord = 0;
        if (last != null) {
            int take = Math.min(count, Math.max(0, TARGET - last.entryCount()));
            for (int j = 0; j < take; j++) {
                positions[j] = EntryPos.of(last.id(), last.entryCount() + j + 1);
            }
            if (take > 0) {
                parts.add(new Part(last.id(), last.ord(), last.entryCount() + take));
            }
            placed = take;
            ord = last.ord() + 1;
        }
        while (placed < count) {
            int id = newPartId.getAsInt();
            int take = Math.min(TARGET, count - placed);
            for (int j = 0; j < take; j++) {
                positions[placed + j] = EntryPos.of(id, j + 1);
            }
            parts.add(new Part(id, ord++, take));
            placed += take;
        }
        return new Placement(parts, positions);
    }
}
