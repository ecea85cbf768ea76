package imageserver.index;

import java.util.Arrays;
import java.util.List;

import imageserver.source.SourceKind;

/**
 * The sources in natural order with the number of entries before each: turns a global
 * 1-based position into (source, seq) and back without touching the entries table.
 * Immutable, apart from the entries recently read under it; the reader builds a new one
 * whenever the index's generation changes.
 */
final class IndexLayout {
    private final int[] sourceIds;
    private final java.util.Map<Integer, Integer> slotById = new java.util.HashMap<>();
    private final String[] sourcePaths;
    private final SourceKind[] kinds;
    private final long[] sourceSizes;
    private final long[] sourceMtimes;
    /** before[i] = number of entries in sources 0..i-1; before[n] = total. */
    private final long[] before;
    private final long generation;
    private final String salt;
    private final int[] sourcesByState = new int[SourceState.values().length];
    private final RecentEntries recent = new RecentEntries();

    IndexLayout(List<SourceRecord> sourcesInOrder, long generation, String salt) {
        int n = sourcesInOrder.size();
        this.sourceIds = new int[n];
        this.sourcePaths = new String[n];
        this.kinds = new SourceKind[n];
        this.sourceSizes = new long[n];
        this.sourceMtimes = new long[n];
        this.before = new long[n + 1];
        for (int i = 0; i < n; i++) {
            SourceRecord s = sourcesInOrder.get(i);
            sourceIds[i] = s.id();
            slotById.put(s.id(), i);
            sourcePaths[i] = s.path();
            kinds[i] = s.kind();
            sourceSizes[i] = s.size();
            sourceMtimes[i] = s.mtime();
            before[i + 1] = before[i] + s.entryCount();
            sourcesByState[s.state().ordinal()]++;
        }
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

    /** Index (in natural order) of the source with this id, or -1. */
    int slotOf(int sourceId) {
        return slotById.getOrDefault(sourceId, -1);
    }

    /** The slot whose entries include the 1-based global position. */
    int slotAt(long position) {
        int i = Arrays.binarySearch(before, position - 1);
        if (i < 0) {
            return -i - 2;
        }
        // Several slots may start at the same count (empty sources): take the last such, which holds entries.
        while (i + 1 < before.length - 1 && before[i + 1] == position - 1) {
            i++;
        }
        return i;
    }

    int sourceId(int slot) {
        return sourceIds[slot];
    }

    String sourcePath(int slot) {
        return sourcePaths[slot];
    }

    SourceKind kind(int slot) {
        return kinds[slot];
    }

    long sourceSize(int slot) {
        return sourceSizes[slot];
    }

    long sourceMtime(int slot) {
        return sourceMtimes[slot];
    }

    long entriesBefore(int slot) {
        return before[slot];
    }
}
