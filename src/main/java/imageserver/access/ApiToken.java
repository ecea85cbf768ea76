package imageserver.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

import imageserver.index.CredentialTable;
import imageserver.index.CredentialTable.Kind;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

/**
 * The API token scripts send as {@code Authorization: Bearer TOKEN}. One at a time; the index
 * keeps only its hash, so it is shown once, when made, and replaced rather than shown again.
 */
public final class ApiToken {
    /** A token lasts until it is replaced. */
    private static final Duration LIFETIME = Duration.ofDays(100 * 365);

    private ApiToken() {
    }

    /** When the current token was made, or empty if there is none. */
    public static Optional<Instant> created(IndexDatabase db) throws IndexException {
        return new CredentialTable(db).created(Kind.TOKEN);
    }

    /** Makes a new token, which replaces any earlier one, and returns it. */
    public static String replace(IndexDatabase db, InstantSource clock) throws IndexException {
        String token = AccessControl.newSecret(new SecureRandom());
        Instant now = clock.instant();
        new CredentialTable(db).replaceAll(AccessControl.digest(token), Kind.TOKEN, now, now.plus(LIFETIME));
        return token;
    }
}
