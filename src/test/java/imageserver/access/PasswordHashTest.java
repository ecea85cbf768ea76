package imageserver.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void theStoredFormComesBackAndKnowsOnlyItsPassword() {
        PasswordHash hash = PasswordHash.of("correct horse", new SecureRandom());
        String stored = hash.encoded();
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        assertFalse(stored.contains("correct horse"));
        PasswordHash back = PasswordHash.decode(stored).orElseThrow();
        assertTrue(back.matches("correct horse"));
        assertFalse(back.matches("correct horse "));
        assertFalse(back.matches(""));
        assertNotEquals(stored, PasswordHash.of("correct horse", new SecureRandom()).encoded(), "a salt of its own");
    }

    @Test
    void anythingElseStoredIsNoHash() {
        for (String stored : new String[] {"", "plain", "pbkdf2-sha256$x$y$z", "md5$1$AAAA$AAAA", "pbkdf2-sha256$10$@@$AA"}) {
            assertEquals(Optional.empty(), PasswordHash.decode(stored), stored);
        }
    }
}
