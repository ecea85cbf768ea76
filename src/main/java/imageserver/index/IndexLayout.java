package imageserver.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import imageserver.source.SourceKind;

/**
 * The parts of every source in natural order with the number of entries before each: turns a
 * global 1-based position into (part, seq) and back without touching the entries table.
 * Immutable, apart from the entries recently read under it; the reader builds a new one
 * whenever the index's generation changes.
 */
final class IndexLayout {
    /** Per slot, one per part in natural order: the part's id and its source's index in the arrays below. */
    private final int[] partIds;
    private final int[] sourceOf;
    private final Map<Integer, Integer> slotByPart = new HashMap<>();
    /** before[i] = number of entries in slots 0..i-1; before[n] = total. */
    private final long[] before;
    private final String[] sourcePaths;
    private final SourceKind[] kinds;
    private final long[] sourceSizes;
    private final long[] sourceMtimes;
    private final List<SourceSpan> spans;
    private final Map<Integer, SourceSpan> spanById = new HashMap<>();
    private final long generation;
    private final String salt;
    private final int[] sourcesByState = new int[SourceState.values().length];
    private final RecentEntries recent = new RecentEntries();

    IndexLayout(List<SourceTable.WithParts> sourcesInOrder, long generation, String salt) {
        int sources = sourcesInOrder.size();
        int slots = sourcesInOrder.stream().mapToInt(s -> s.parts().size()).sum();
        this.partIds = new int[slots];
        this.sourceOf = new int[slots];
        this.before = new long[slots + 1];
        this.sourcePaths = new String[sources];
        this.kinds = new SourceKind[sources];
        this.sourceSizes = new long[sources];
        this.sourceMtimes = new long[sources];
        int slot = 0;
        for (int i = 0; i < sources; i++) {
            SourceRecord s = sourcesInOrder.get(i).source();
            sourcePaths[i] = s.path();
            kinds[i] = s.kind();
            sourceSizes[i] = s.size();
            sourceMtimes[i] = s.mtime();
            sourcesByState[s.state().ordinal()]++;
            for (Part part : sourcesInOrder.get(i).parts()) {
                partIds[slot] = part.id();
                sourceOf[slot] = i;
                slotByPart.put(part.id(), slot);
                before[slot + 1] = before[slot] + part.entryCount();
                slot++;
            }
        }
        this.spans = spans(sourcesInOrder);
        spans.forEach(span -> spanById.put(span.id(), span));
        this.generation = generation;
        this.salt = salt;
    }

    /** How many sources are in this state. */
    int sources(SourceState state) {
        return sourcesByState[state.ordinal()];
    }

    long generation() {
        return generation;
    }

    String salt() {
        return salt;
    }

    /** Entries read under this layout; dropped with it when the generation moves. */
    RecentEntries recent() {
        return recent;
    }

    long total() {
        return before[before.length - 1];
    }

    /** The slot of the part with this id, or -1. */
    int slotOf(int partId) {
        return slotByPart.getOrDefault(partId, -1);
    }

    /** The slot whose entries include the 1-based global position. */
    int slotAt(long position) {
        int i = Arrays.binarySearch(before, position - 1);
        if (i < 0) {
            return -i - 2;
        }
        // Several slots may start at the same count (empty parts): take the last such, which holds entries.
        while (i + 1 < before.length - 1 && before[i + 1] == position - 1) {
            i++;
        }
        return i;
    }

    int partId(int slot) {
        return partIds[slot];
    }

    String sourcePath(int slot) {
        return sourcePaths[sourceOf[slot]];
    }

    SourceKind kind(int slot) {
        return kinds[sourceOf[slot]];
    }

    long sourceSize(int slot) {
        return sourceSizes[sourceOf[slot]];
    }

    long sourceMtime(int slot) {
        return sourceMtimes[sourceOf[slot]];
    }

    long entriesBefore(int slot) {
        return before[slot];
    }

    /** A source's place in natural order: its files are positions {@code first} to {@code first + count - 1}. */
    record SourceSpan(int id, String path, SourceKind kind, long first, long count) {
    }

    /** Every source in natural order, with where its files are. */
    List<SourceSpan> sourceSpans() {
        return spans;
    }

    /** Where the files of the source with this id are; null for a source the layout predates. */
    SourceSpan spanOf(int sourceId) {
        return spanById.get(sourceId);
    }

    private List<SourceSpan> spans(List<SourceTable.WithParts> sourcesInOrder) {
        long[] firsts = new long[sourcePaths.length];
        long[] counts = new long[sourcePaths.length];
        Arrays.fill(firsts, -1);
        for (int slot = 0; slot < partIds.length; slot++) {
            int source = sourceOf[slot];
            if (firsts[source] < 0) {
                firsts[source] = before[slot] + 1;
            }
            counts[source] += before[slot + 1] - before[slot];
        }
        List<SourceSpan> all = new java.util.ArrayList<>(sourcePaths.length);
        for (int i = 0; i < sourcePaths.length; i++) {
            all.add(new SourceSpan(sourcesInOrder.get(i).source().id(), sourcePaths[i], kinds[i], firsts[i], counts[i]));
        }
        return List.copyOf(all);
    }
}
