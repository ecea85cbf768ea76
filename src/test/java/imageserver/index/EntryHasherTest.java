package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class EntryHasherTest {
    @Test
    void hashIsSixtyFourLowercaseHexCharacters() {
        String hash = new EntryHasher("salt").hashHex("/lib/a.zip", "001.jpg");
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void sameSaltAndFileGiveTheSameHash() {
        assertEquals(new EntryHasher("s").hashHex("/lib/a.zip", "001.jpg"),
                new EntryHasher("s").hashHex("/lib/a.zip", "001.jpg"));
    }

    @Test
    void twoArchivesHoldingTheSameNameGetDifferentHashes() {
        EntryHasher hasher = new EntryHasher("s");
        assertNotEquals(hasher.hashHex("/lib/a.zip", "001.jpg"), hasher.hashHex("/lib/b.zip", "001.jpg"));
    }

    @Test
    void anotherSaltGivesAnotherHash() {
        assertNotEquals(new EntryHasher("one").hashHex("/lib", "x.jpg"), new EntryHasher("two").hashHex("/lib", "x.jpg"));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        EntryHasher hasher = new EntryHasher("s");
        assertNotEquals(hasher.hashHex("/lib/a", "b.jpg"), hasher.hashHex("/lib/", "ab.jpg"));
    }

    @Test
    void hashIsSha256OfTheLengthPrefixedFields() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String field : new String[] {"k", "/src", "p.png"}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            sha.update(new byte[] {0, 0, 0, (byte) b.length});
            sha.update(b);
        }
        assertArrayEquals(sha.digest(), new EntryHasher("k").hash("/src", "p.png"));
    }

    @Test
    void anEntryOfAnArchiveInsideAFolderHashesTheArchivePathAndItsOwnPathAsTwoFields() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String field : new String[] {"k", "/lib", "comics/x.cbz", "sub/p.png"}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            sha.update(new byte[] {0, 0, 0, (byte) b.length});
            sha.update(b);
        }
        EntryHasher hasher = new EntryHasher("k");
        assertArrayEquals(sha.digest(), hasher.hash("/lib", "comics/x.cbz", "comics/x.cbz/sub/p.png"));
        // A folder named like the archive, holding a file of the same path, is another file.
        assertNotEquals(hasher.hashHex("/lib", null, "comics/x.cbz/sub/p.png"),
                hasher.hashHex("/lib", "comics/x.cbz", "comics/x.cbz/sub/p.png"));
        assertNotEquals(hasher.hashHex("/lib", "comics", "comics/x.cbz/sub/p.png"),
                hasher.hashHex("/lib", "comics/x.cbz", "comics/x.cbz/sub/p.png"));
        assertEquals(hasher.key("/lib", "comics/x.cbz", "comics/x.cbz/sub/p.png"),
                EntryHasher.keyOf(new EntryHasher("k").hash("/lib", "comics/x.cbz", "comics/x.cbz/sub/p.png")));
    }

    @Test
    void aHasherReusedAcrossSourcesAndLongPathsGivesWhatAFreshOneGives() {
        EntryHasher reused = new EntryHasher("salt");
        String longPath = "deep/".repeat(100) + "été 日本.jpg";
        String[][] calls = {{"/lib/a.zip", "1.jpg"}, {"/lib/a.zip", longPath}, {"/lib/b.zip", "1.jpg"},
                {"/lib/a.zip", "1.jpg"}, {"/lib/b.zip", "2.jpg"}};
        for (String[] call : calls) {
            assertEquals(new EntryHasher("salt").hashHex(call[0], call[1]), reused.hashHex(call[0], call[1]));
            assertEquals(EntryHasher.keyOf(new EntryHasher("salt").hash(call[0], call[1])), reused.key(call[0], call[1]));
        }
    }

    @Test
    void onlyWellFormedHashesParse() {
        String good = "a".repeat(64);
        assertEquals(32, EntryHasher.parse(good).length);
        assertNull(EntryHasher.parse("A".repeat(64)));
        assertNull(EntryHasher.parse("a".repeat(63)));
        assertNull(EntryHasher.parse("g".repeat(64)));
        assertNull(EntryHasher.parse(null));
    }
}
