package imageserver.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one definition of a file's public address: SHA-256 over the salt and the file's
 * identity (its source's path and its path inside the source), each field length-prefixed
 * so that no two identities share an input. Not thread-safe: one per thread.
 */
public final class EntryHasher {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;
    private final String saltText;
    private final byte[] salt;

    public EntryHasher(String salt) {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        this.saltText = salt;
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    public String salt() {
        return saltText;
    }

    public byte[] hash(String sourcePath, String entryPath) {
        update(salt);
        update(sourcePath.getBytes(StandardCharsets.UTF_8));
        update(entryPath.getBytes(StandardCharsets.UTF_8));
        return sha256.digest();
    }

    public String hashHex(String sourcePath, String entryPath) {
        return HEX.formatHex(hash(sourcePath, entryPath));
    }

    /** The indexed 64-bit key of a hash: its first eight bytes. */
    public long key(String sourcePath, String entryPath) {
        return keyOf(hash(sourcePath, entryPath));
    }

    public static long keyOf(byte[] hash) {
        return ByteBuffer.wrap(hash).getLong();
    }

    /** The 32 bytes of a well-formed hash (64 lowercase hex characters), or null. */
    public static byte[] parse(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return HEX.parseHex(hex);
    }

    private void update(byte[] field) {
        sha256.update((byte) (field.length >>> 24));
        sha256.update((byte) (field.length >>> 16));
        sha256.update((byte) (field.length >>> 8));
        sha256.update((byte) field.length);
        sha256.update(field);
    }
}
