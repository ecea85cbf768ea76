package imageserver.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one definition of a file's public address: SHA-256 over the salt and the file's
 * identity, each field length-prefixed so that no two identities share an input. The identity
 * is the source's path and the file's path inside it; for an entry of an archive inside a folder
 * source, the source's path, the archive's path inside it and the entry's path inside the
 * archive (one more field, so such an entry never shares a hash with a file of a folder that
 * bears the archive's name). A folder's or archive's identity is the source's path, its path
 * inside the source and an empty field, which no file's identity ends with. Not thread-safe: one
 * per thread.
 */
public final class EntryHasher {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;
    private final String saltText;
    private final byte[] salt;
    /** The source of the last call and its share of the input (salt and path fields), encoded once per source. */
    private String prefixSource;
    private byte[] prefix;
    /** The entry's field (length and path), grown as needed, and the digest of the last key. */
    private byte[] field = new byte[256];
    private final byte[] digest = new byte[32];

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
        return hash(sourcePath, null, entryPath);
    }

    /**
     * @param archive the path inside the source of the archive that holds the entry, when the
     *                source is a folder; else null
     * @param path    the entry's path inside the source (for an archive's entry: the archive's
     *                path, '/' and the entry's path inside the archive)
     */
    public byte[] hash(String sourcePath, String archive, String path) {
        digestInto(sourcePath, archive, path, digest);
        return digest.clone();
    }

    public String hashHex(String sourcePath, String entryPath) {
        return hashHex(sourcePath, null, entryPath);
    }

    public String hashHex(String sourcePath, String archive, String path) {
        return HEX.formatHex(hash(sourcePath, archive, path));
    }

    /** The hash of a folder or archive of a source ({@code ""} for the source itself). */
    public byte[] containerHash(String sourcePath, String containerPath) {
        return hash(sourcePath, containerPath, containerPath + "/");
    }

    public String containerHashHex(String sourcePath, String containerPath) {
        return HEX.formatHex(containerHash(sourcePath, containerPath));
    }

    public long containerKey(String sourcePath, String containerPath) {
        return key(sourcePath, containerPath, containerPath + "/");
    }

    /** The indexed 64-bit key of a hash: its first eight bytes. */
    public long key(String sourcePath, String entryPath) {
        return key(sourcePath, null, entryPath);
    }

    public long key(String sourcePath, String archive, String path) {
        digestInto(sourcePath, archive, path, digest);
        return keyOf(digest);
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

    /**
     * Digests the fields in two updates: the entries of one source share the first two (salt and
     * source), and byte-by-byte updates with a fresh encoding of the source's path for every
     * entry took ~500 ns per key.
     */
    private void digestInto(String sourcePath, String archive, String entryPath, byte[] out) {
        if (!sourcePath.equals(prefixSource)) {
            byte[] source = sourcePath.getBytes(StandardCharsets.UTF_8);
            prefix = new byte[8 + salt.length + source.length];
            int end = putField(prefix, 0, salt);
            putField(prefix, end, source);
            prefixSource = sourcePath;
        }
        int length;
        if (archive == null) {
            byte[] path = entryPath.getBytes(StandardCharsets.UTF_8);
            length = putField(fieldsOf(4 + path.length), 0, path);
        } else {
            byte[] in = archive.getBytes(StandardCharsets.UTF_8);
            byte[] path = entryPath.substring(archive.length() + 1).getBytes(StandardCharsets.UTF_8);
            byte[] fields = fieldsOf(8 + in.length + path.length);
            length = putField(fields, putField(fields, 0, in), path);
        }
        sha256.update(prefix);
        sha256.update(field, 0, length);
        try {
            sha256.digest(out, 0, out.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 gives 32 bytes", e);
        }
    }

    /** The buffer of the per-entry fields, at least {@code length} bytes long. */
    private byte[] fieldsOf(int length) {
        if (field.length < length) {
            field = new byte[length];
        }
        return field;
    }

    /** Writes {@code value} length-prefixed (4 bytes, big-endian) at {@code at}; returns where it ends. */
    private static int putField(byte[] target, int at, byte[] value) {
        target[at] = (byte) (value.length >>> 24);
        target[at + 1] = (byte) (value.length >>> 16);
        target[at + 2] = (byte) (value.length >>> 8);
        target[at + 3] = (byte) value.length;
        System.arraycopy(value, 0, target, at + 4, value.length);
        return at + 4 + value.length;
    }
}
