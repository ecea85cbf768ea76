package imageserver.index;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the hash lookup in step with the entries during one indexing run: with each source's
 * commit for a small run; for a bulk load, in batches with the lookup marked stale until the
 * last one, as writing the buckets per source would rewrite most of them every time.
 */
final class LookupUpkeep {
    /**
     * From this many rows written in one run (and a quarter of the index), a run is a bulk load.
     * Any run into an empty index is one from its first row.
     */
    static final long BULK_ROWS = 50_000;
    /**
     * Edits gathered before a bulk load writes them: up to 2M (32 MB, so that a cold index of a
     * million entries writes each bucket once), but at most an eighth of the heap.
     */
    static final int BATCH_EDITS = (int) Math.min(2_000_000, Runtime.getRuntime().maxMemory() / 8 / HashBuckets.PAIR_BYTES);

    private final long rowsAtStart;
    private LookupEdits deferred;

    LookupUpkeep(long rowsAtStart) {
        this.rowsAtStart = rowsAtStart;
    }

    /**
     * Before a source is written: whether the run, with it, has become a bulk load. A run into an
     * empty index is one from its first row, so that its last flush inserts every bucket rather
     * than reading and merging those that sources flushed alone before it wrote.
     */
    void consider(Connection c, long rowsToInsert) throws SQLException {
        boolean bulk = rowsAtStart == 0
                ? rowsToInsert > 0
                : rowsToInsert >= BULK_ROWS && rowsToInsert >= rowsAtStart / 4;
        if (deferred == null && bulk) {
            LookupRebuild.markStale(c);
            deferred = new LookupEdits(BATCH_EDITS);
        }
    }

    /** In the source's transaction. */
    void beforeCommit(Connection c, LookupEdits edits) throws SQLException {
        if (deferred == null) {
            edits.flush(c);
        }
    }

    /** Once the source's rows are committed: only then may its edits reach the lookup. */
    void afterCommit(Connection c, LookupEdits edits) throws SQLException {
        if (deferred != null) {
            if (deferred.size() + edits.size() > BATCH_EDITS) {
                deferred.flushCommitting(c);
                c.commit();
            }
            deferred.addAll(edits);
        }
    }

    /** At the end of a run that completed: the lookup matches the entries again. */
    void finish(Connection c) throws SQLException {
        if (deferred != null) {
            deferred.flushCommitting(c);
            LookupRebuild.clearStale(c);
            c.commit();
        }
    }
}
