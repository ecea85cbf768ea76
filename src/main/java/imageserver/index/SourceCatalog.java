package imageserver.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Lists the sources of the index and forgets them. */
public final class SourceCatalog {
    private final IndexDatabase db;

    public SourceCatalog(IndexDatabase db) {
        this.db = db;
    }

    /** Every source, in natural order of path. */
    public List<SourceRecord> all() throws IndexException {
        try (Connection c = db.connection()) {
            return SourceTable.all(c);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    /** The index's generation: it moves whenever a process commits a change to the sources or their entries. */
    public long generation() throws IndexException {
        try (Connection c = db.connection()) {
            return Settings.get(c, Settings.GENERATION).map(Long::parseLong).orElse(0L);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    /** Forgets a source and its entries in one transaction; returns how many entries went, or empty if unknown. */
    public Optional<Integer> remove(String path) throws IndexException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Settings.waitForOtherWriters(c);
            Settings.lockWriters(c);
            Optional<SourceRecord> source = SourceTable.find(c, path);
            if (source.isEmpty()) {
                return Optional.empty();
            }
            LookupEdits lookup = new LookupEdits();
            int removed = EntryTable.deleteSource(c, source.get().id(), lookup);
            lookup.flush(c);
            ArchiveTable.deleteSource(c, source.get().id());
            ContainerTable.deleteSource(c, source.get().id());
            SourceTable.delete(c, source.get().id());
            Settings.bumpGeneration(c);
            c.commit();
            return Optional.of(removed);
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }
}
