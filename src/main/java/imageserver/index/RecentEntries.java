package imageserver.index;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Entries looked up by hash under one index generation. A view costs three lookups of the
 * same hash (the page, its JSON, its bytes) and a slideshow revisits files: those hit here
 * instead of H2. Bounded: when full it starts over, which keeps it lock-free and small.
 */
final class RecentEntries {
    private static final int CAPACITY = 4_096;

    private final ConcurrentHashMap<String, IndexedEntry> byHash = new ConcurrentHashMap<>();

    IndexedEntry get(String hash) {
        return byHash.get(hash);
    }

    void put(IndexedEntry entry) {
        if (byHash.size() >= CAPACITY) {
            byHash.clear();
        }
        byHash.put(entry.hash(), entry);
    }
}
