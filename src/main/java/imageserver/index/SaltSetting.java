package imageserver.index;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The salt stored in the index. A new index gets 128 random bits; a different {@code --salt}
 * replaces the stored one and recomputes every hash from the index alone (no source is read).
 */
public final class SaltSetting {
    private static final int RANDOM_SALT_BYTES = 16;

    /** @param rehashed how many entries got a new hash (0 when the salt did not change) */
    public record Outcome(String salt, long rehashed) {
    }

    private SaltSetting() {
    }

    public static Outcome establish(IndexDatabase db, String requested) throws IndexException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Optional<String> stored = Settings.get(c, Settings.SALT);
            if (requested == null || requested.equals(stored.orElse(null))) {
                if (stored.isPresent()) {
                    return new Outcome(stored.get(), 0);
                }
                requested = randomSalt();
            }
            // The new salt and a stale lookup commit together; the keys and buckets follow in
            // bounded transactions. A run killed in between leaves the lookup stale, and the next
            // index or serve rebuilds it under the new salt.
            Settings.put(c, Settings.SALT, requested);
            LookupRebuild.markStale(c);
            Settings.bumpGeneration(c);
            c.commit();
            long rehashed = LookupRebuild.rebuild(c, db.workFolder());
            return new Outcome(requested, rehashed);
        } catch (SQLException e) {
            throw new IndexException("cannot set the salt of the index " + db.name() + ": "
                    + IndexDatabase.rootMessage(e), e);
        }
    }

    /** The stored salt, or empty for an index that has never been written. */
    public static Optional<String> stored(IndexDatabase db) throws IndexException {
        try (Connection c = db.connection()) {
            return Settings.get(c, Settings.SALT);
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    static String randomSalt() {
        byte[] bytes = new byte[RANDOM_SALT_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
