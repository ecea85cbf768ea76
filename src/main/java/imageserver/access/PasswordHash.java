package imageserver.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password's slow hash, PBKDF2-HMAC-SHA256 from the JDK, stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64). Slow on purpose: someone holding the index
 * file must not be able to try passwords quickly. Compared in constant time.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
    static final int ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int BYTES = 32;

    public static PasswordHash of(String password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    public boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The hash {@link #encoded} wrote, or empty for anything else. */
    public static Optional<PasswordHash> decode(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PasswordHash(Integer.parseInt(parts[1]),
                    Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // PBKDF2 takes chars and encodes them as UTF-8 itself (JDK's PBKDF2KeyImpl).
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return SCHEME + " hash";
    }
}
