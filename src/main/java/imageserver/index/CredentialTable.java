package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The credentials a password-protected server accepts besides the password (table
 * {@code credentials}, V7): sessions and the API token, each stored as the SHA-256 of the secret
 * its client holds, and the password's own slow hash (setting {@code password}).
 */
public final class CredentialTable {
    public enum Kind {
        SESSION, TOKEN;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final String PASSWORD = "password";

    private final IndexDatabase db;

    public CredentialTable(IndexDatabase db) {
        this.db = db;
    }

    /** The stored hash of the password, as {@code access.PasswordHash} encodes it. */
    public Optional<String> passwordHash() throws IndexException {
        try (Connection c = db.connection()) {
            return Settings.get(c, PASSWORD);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** Stores a new password hash and ends every session, which the old password opened. */
    public void replacePassword(String hash) throws IndexException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Settings.put(c, PASSWORD, hash);
            removeAll(c, Kind.SESSION);
            c.commit();
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    public void add(String digest, Kind kind, Instant created, Instant expires) throws IndexException {
        try (Connection c = db.connection()) {
            insert(c, digest, kind, created, expires);
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    /** When the credential of that kind with this digest expires, or empty if there is none. */
    public Optional<Instant> expiry(String digest, Kind kind) throws IndexException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT expires FROM credentials WHERE digest = ? AND kind = ?")) {
            ps.setString(1, digest);
            ps.setString(2, kind.column());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochSecond(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** When the credential of that kind was made (the newest, if several), or empty if there is none. */
    public Optional<Instant> created(Kind kind) throws IndexException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(created) FROM credentials WHERE kind = ?")) {
            ps.setString(1, kind.column());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long created = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(created));
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** Makes {@code digest} the only credential of its kind, in one transaction. */
    public void replaceAll(String digest, Kind kind, Instant created, Instant expires) throws IndexException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            removeAll(c, kind);
            insert(c, digest, kind, created, expires);
            c.commit();
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    public void remove(String digest) throws IndexException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM credentials WHERE digest = ?")) {
            ps.setString(1, digest);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    /** Forgets the credentials that expired before {@code now}. */
    public void removeExpired(Instant now) throws IndexException {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM credentials WHERE expires < ?")) {
            ps.setLong(1, now.getEpochSecond());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    private static void insert(Connection c, String digest, Kind kind, Instant created, Instant expires)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO credentials (digest, kind, created, expires) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, digest);
            ps.setString(2, kind.column());
            ps.setLong(3, created.getEpochSecond());
            ps.setLong(4, expires.getEpochSecond());
            ps.executeUpdate();
        }
    }

    private static void removeAll(Connection c, Kind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM credentials WHERE kind = ?")) {
            ps.setString(1, kind.column());
            ps.executeUpdate();
        }
    }

    private IndexException readFailure(SQLException e) {
        return new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
    }

    private IndexException writeFailure(SQLException e) {
        return new IndexException("cannot write the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
    }
}
